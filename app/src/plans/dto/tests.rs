use super::renumber_needs;

#[test]
fn need_references_follow_a_swap() {
    let swap = |k: usize| {
        Some(match k {
            2 => 3,
            3 => 2,
            k => k,
        })
    };
    assert_eq!(renumber_needs("1, 2", swap), "1, 3");
    assert_eq!(renumber_needs("3,2 4", swap), "2, 3, 4");
    assert_eq!(renumber_needs("", swap), "");
}

#[test]
fn need_references_follow_a_removal() {
    // Need 2 removed: 2 disappears, later numbers move up one.
    let remove = |k: usize| match k {
        2 => None,
        k if k > 2 => Some(k - 1),
        k => Some(k),
    };
    assert_eq!(renumber_needs("1, 2, 3", remove), "1, 2");
    assert_eq!(renumber_needs("2", remove), "");
    assert_eq!(renumber_needs("x, 4", remove), "x, 3");
}
