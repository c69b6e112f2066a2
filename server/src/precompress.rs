//! `server precompress [--quality Q] [DIR]`: writes a brotli (`.br`) and a
//! gzip (`.gz`) copy of each of the app's files in `DIR` (default
//! `target/site/pkg`), once per file, so that `/pkg` answers them as they
//! are instead of compressing the wasm on every request at the fastest
//! level. `./x` runs it after every build: quality 11 (the smallest, about
//! a minute for the 4 MB release wasm) for release builds, 5 (seconds) for
//! the 27 MB debug wasm.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is worth compressing: the wasm, its JS, the CSS and the split's
/// bundles.
const EXTENSIONS: &[&str] = &["wasm", "js", "css", "svg", "bin"];

/// Bundles a split build's files by group ([`crate::wasm_bundle`]), then
/// compresses what is new in `dir` at brotli `quality` (0–11; gzip follows
/// it: best from 9 up); returns the files written.
pub fn run(dir: &Path, quality: u8) -> anyhow::Result<Vec<PathBuf>> {
    let quality = quality.min(11);
    let mut written = crate::wasm_bundle::run(dir)?;
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if !wanted || !path.is_file() {
            continue;
        }
        let data = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        for ext in ["br", "gz"] {
            let target = with_suffix(&path, ext);
            if is_fresh(&target, &path) {
                continue;
            }
            let packed = match ext {
                "br" => brotli(&data, quality)?,
                _ => gzip(&data, quality)?,
            };
            // Written beside and renamed, so that a server never sends half a file.
            let partial = with_suffix(&path, &format!("{ext}.partial"));
            std::fs::write(&partial, &packed).with_context(|| format!("writing {}", partial.display()))?;
            std::fs::rename(&partial, &target)?;
            written.push(target);
        }
    }
    written.sort();
    Ok(written)
}

fn with_suffix(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Whether `target` was written after `source` last changed.
fn is_fresh(target: &Path, source: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(target), modified(source)), (Some(t), Some(s)) if t >= s)
}

fn brotli(data: &[u8], quality: u8) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: i32::from(quality),
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(data: &[u8], quality: u8) -> anyhow::Result<Vec<u8>> {
    let level = flate2::Compression::new(u32::from(quality.clamp(1, 9)));
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn each_file_gets_a_brotli_and_a_gzip_copy_once_and_both_unpack_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let wasm: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        std::fs::write(dir.path().join("avrop.abc.wasm"), &wasm).unwrap();
        std::fs::write(dir.path().join("avrop.abc.css"), "body { color: black }".repeat(100)).unwrap();
        std::fs::write(dir.path().join("hash.txt"), "not compressed").unwrap();

        let written = run(dir.path(), 11).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "avrop.abc.css.br",
                "avrop.abc.css.gz",
                "avrop.abc.wasm.br",
                "avrop.abc.wasm.gz"
            ]
        );

        let br = std::fs::read(dir.path().join("avrop.abc.wasm.br")).unwrap();
        let mut unpacked = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, wasm);
        let gz = std::fs::read(dir.path().join("avrop.abc.wasm.gz")).unwrap();
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, wasm);
        assert!(br.len() < wasm.len() / 4, "{} of {}", br.len(), wasm.len());

        // A second run has nothing to do.
        assert!(run(dir.path(), 11).unwrap().is_empty());
    }
}
