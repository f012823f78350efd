//! Helpers shared by the corpus tests (`mod common;`).

/// Expands `⟪TEXT*N⟫` to TEXT repeated N times (`{i}` in TEXT is the index).
pub fn expand(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find('⟪') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '⟪'.len_utf8()..];
        let end = after.find('⟫').expect("⟪ is closed");
        let (text, n) = after[..end].rsplit_once('*').expect("⟪TEXT*N⟫");
        for i in 0..n.parse::<usize>().expect("N is a number") {
            out.push_str(&text.replace("{i}", &i.to_string()));
        }
        rest = &after[end + '⟫'.len_utf8()..];
    }
    out.push_str(rest);
    out
}
