//! One file per group of pages instead of a hundred and more.
//!
//! `cargo leptos build --split` leaves each group's code (see
//! `app::routes`) in its own wasm file plus one file per set of groups that
//! share a piece: 140–180 files per group, most of them a few hundred bytes.
//! The browser paid for each request on the main thread (about a
//! millisecond apiece on a phone's CPU, Lighthouse's 4× slowdown: 235 ms of
//! blocking time on the catalogue). Run before the files are compressed,
//! [`run`] writes each group's files end to end into one
//! `bundle_{group}.{hash}.bin` (a little-endian `u32`, the length of a JSON
//! list of `[file name, length]`, the list, then the files), an index
//! `wasm_bundles.json` (group → bundle), and has the split's loader ask
//! `globalThis.__avropWasm` for a file's bytes before it fetches it. A page of a
//! group fetches its bundle once and answers the loader from it
//! (`app::routes::preload_script`); anything not in it is fetched as
//! before.

use anyhow::Context;
use base64::Engine;
use sha2::Digest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The index of the bundles, in the pkg directory.
pub const INDEX: &str = app::routes::WASM_BUNDLES;

/// What the loader calls instead of `fetch` and
/// `WebAssembly.instantiateStreaming`: the page's bundle answers a file's
/// bytes, which are compiled off the main thread
/// (`WebAssembly.instantiate`); a file it does not hold is fetched and
/// streamed as before. (Streaming compiles of 160 files from memory ran on
/// the main thread: a 240 ms task on a phone.)
const LOADER_PRELUDE: &str = "const __avropFetch = (u) => (globalThis.__avropWasm && globalThis.__avropWasm(u)) || fetch(u);\n\
const __avropInstantiate = async (src, imports) => { const got = await src; return got instanceof Response ? WebAssembly.instantiateStreaming(got, imports) : WebAssembly.instantiate(got, imports); };\n";

/// Bundles the split build's files in `dir` by group; returns the bundles
/// written (none when the build was not split).
pub fn run(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let Some(manifest_path) = newest(dir, "__wasm_split_manifest.", ".json")? else {
        return Ok(Vec::new());
    };
    let manifest: BTreeMap<String, Vec<String>> = serde_json::from_slice(
        &std::fs::read(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?,
    )
    .with_context(|| format!("reading {}", manifest_path.display()))?;
    let mut index = BTreeMap::new();
    let mut written = Vec::new();
    for (group, stems) in &manifest {
        let bundle = pack(dir, stems)?;
        let hash = sha2::Sha256::digest(&bundle);
        let name = format!(
            "bundle_{group}.{}.bin",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hash[..16])
        );
        let path = dir.join(&name);
        if !path.is_file() {
            let partial = dir.join(format!("{name}.partial"));
            std::fs::write(&partial, &bundle).with_context(|| format!("writing {}", partial.display()))?;
            std::fs::rename(&partial, &path)?;
            written.push(path);
        }
        index.insert(group.clone(), name);
    }
    // Earlier builds' bundles (and their compressed copies) go.
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let bundle = name.split(".bin").next().unwrap_or_default().to_owned() + ".bin";
        if name.starts_with("bundle_") && !index.values().any(|kept| *kept == bundle) {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    let index_path = dir.join(INDEX);
    std::fs::write(&index_path, serde_json::to_vec_pretty(&index)?)
        .with_context(|| format!("writing {}", index_path.display()))?;
    if let Some(loader) = newest(dir, "__wasm_split.", ".js")? {
        patch_loader(&loader)?;
    }
    Ok(written)
}

/// The files `stems` (`{stem}.wasm` in `dir`) as one bundle.
fn pack(dir: &Path, stems: &[String]) -> anyhow::Result<Vec<u8>> {
    let mut list = Vec::with_capacity(stems.len());
    let mut bodies = Vec::new();
    for stem in stems {
        let name = format!("{stem}.wasm");
        let path = dir.join(&name);
        let data = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        list.push((name, data.len()));
        bodies.extend_from_slice(&data);
    }
    let list = serde_json::to_vec(&list)?;
    let mut bundle = Vec::with_capacity(4 + list.len() + bodies.len());
    bundle.extend_from_slice(&u32::try_from(list.len())?.to_le_bytes());
    bundle.extend_from_slice(&list);
    bundle.extend_from_slice(&bodies);
    Ok(bundle)
}

/// Has the split's loader ask the page's bundle first (once: a patched
/// loader is left as it is).
fn patch_loader(loader: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(loader).with_context(|| format!("reading {}", loader.display()))?;
    if text.contains("__avropFetch") {
        return Ok(());
    }
    let patched = text.replace("fetch(new URL(", "__avropFetch(new URL(").replace(
        "WebAssembly.instantiateStreaming(src, imports)",
        "__avropInstantiate(src, imports)",
    );
    // After the import line (imports come first in a module).
    let at = patched.find('\n').map_or(0, |i| i + 1);
    let patched = format!("{}{LOADER_PRELUDE}{}", &patched[..at], &patched[at..]);
    let partial = loader.with_extension("js.partial");
    std::fs::write(&partial, patched).with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, loader)?;
    Ok(())
}

/// The newest file in `dir` named `{prefix}…{suffix}`.
fn newest(dir: &Path, prefix: &str, suffix: &str) -> anyhow::Result<Option<PathBuf>> {
    let mut found: Option<(std::time::SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(prefix) && name.ends_with(suffix)) {
            continue;
        }
        let modified = entry.metadata()?.modified()?;
        if found.as_ref().is_none_or(|(at, _)| modified > *at) {
            found = Some((modified, entry.path()));
        }
    }
    Ok(found.map(|(_, path)| path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_groups_files_are_packed_in_order_and_the_loader_asks_the_bundle_first() {
        let dir = std::env::temp_dir().join(format!("avrop-bundle-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("chunk_1.AAA.wasm"), b"one").unwrap();
        std::fs::write(dir.join("split_shop_1.BBB.wasm"), b"shop!").unwrap();
        std::fs::write(
            dir.join("__wasm_split_manifest.X.json"),
            r#"{"shop_1": ["chunk_1.AAA", "split_shop_1.BBB"]}"#,
        )
        .unwrap();
        let loader = "import { initSync } from \"./avrop.js\";\nconst src = fetch(new URL(\"./chunk_1.AAA.wasm\", import.meta.url));\n\
            return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n";
        std::fs::write(dir.join("__wasm_split.Y.js"), loader).unwrap();
        std::fs::write(dir.join("bundle_shop_1.OLD.bin"), b"stale").unwrap();
        std::fs::write(dir.join("bundle_shop_1.OLD.bin.br"), b"stale").unwrap();

        let written = run(&dir).unwrap();
        assert_eq!(written.len(), 1);
        let index: BTreeMap<String, String> = serde_json::from_slice(&std::fs::read(dir.join(INDEX)).unwrap()).unwrap();
        let bundle = std::fs::read(dir.join(&index["shop_1"])).unwrap();
        let n = u32::from_le_bytes(bundle[..4].try_into().unwrap()) as usize;
        let list: Vec<(String, usize)> = serde_json::from_slice(&bundle[4..4 + n]).unwrap();
        assert_eq!(
            list,
            [
                ("chunk_1.AAA.wasm".to_owned(), 3),
                ("split_shop_1.BBB.wasm".to_owned(), 5)
            ]
        );
        assert_eq!(&bundle[4 + n..], b"oneshop!");
        assert!(!dir.join("bundle_shop_1.OLD.bin").exists());
        assert!(!dir.join("bundle_shop_1.OLD.bin.br").exists());

        let patched = std::fs::read_to_string(dir.join("__wasm_split.Y.js")).unwrap();
        assert!(patched.starts_with("import { initSync }"));
        assert!(patched.contains("const src = __avropFetch(new URL(\"./chunk_1.AAA.wasm\""));
        assert!(patched.contains("return async (imports) => (__avropInstantiate(src, imports));"));
        assert!(!patched.contains("instantiateStreaming(src"));
        assert_eq!(patched.matches("const __avropFetch").count(), 1);
        // A second run writes nothing new and patches nothing twice.
        assert!(run(&dir).unwrap().is_empty());
        let again = std::fs::read_to_string(dir.join("__wasm_split.Y.js")).unwrap();
        assert_eq!(again, patched);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_build_that_was_not_split_has_nothing_to_bundle() {
        let dir = std::env::temp_dir().join(format!("avrop-nobundle-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert!(run(&dir).unwrap().is_empty());
        assert!(!dir.join(INDEX).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
