//! The packed form of the built-in content (what the browser reads) is exactly the
//! bundle the JSON form holds.

#![cfg(not(target_arch = "wasm32"))]
use navigator::engine::pack;

#[test]
fn the_packed_content_reads_back_as_the_json_bundle() {
    let bundle = navigator::engine::builtin_bundle().unwrap();
    assert_eq!(bundle, navigator::builtin());
}

#[test]
fn pack_and_unpack_are_inverse() {
    let bundle = navigator::builtin();
    let (strings, shape) = pack::pack(&bundle).unwrap();
    assert_eq!(pack::unpack(&strings, &shape).unwrap(), bundle);
}

#[test]
fn a_packed_form_that_does_not_fit_is_an_error_not_a_panic() {
    let (strings, shape) = pack::pack(&navigator::builtin()).unwrap();
    assert!(pack::unpack(&strings, &shape[..shape.len() - 1]).is_err());
    assert!(pack::unpack(&strings[..strings.len() / 2], &shape).is_err());
    assert!(pack::unpack("", &shape).is_err());
    assert!(pack::unpack(&strings, &[]).is_err());
    for cut in (0..shape.len()).step_by(97) {
        let mut bytes = shape.clone();
        bytes[cut] ^= 0xff;
        let _ = pack::unpack(&strings, &bytes);
        assert!(pack::unpack(&strings, &shape[..cut]).is_err());
    }
}

#[test]
fn a_text_holding_the_separator_cannot_be_packed() {
    let mut bundle = navigator::builtin();
    bundle.organisation.name = "a\0b".to_string();
    assert!(pack::pack(&bundle).is_err());
}

/// The Navigator changes the case of content texts by ASCII rules (Unicode's tables would
/// add tens of kilobytes to the download): the content's letters must be ASCII for that to
/// be the same.
#[test]
fn the_content_texts_change_case_the_same_by_ascii_rules() {
    let (strings, _) = pack::pack(&navigator::builtin()).unwrap();
    for s in strings.split('\0') {
        assert_eq!(s.to_lowercase(), s.to_ascii_lowercase(), "{s}");
        assert_eq!(s.to_uppercase(), s.to_ascii_uppercase(), "{s}");
    }
}
