//! A streaming look at the tags of an XML part, for sizing a workbook part
//! before calamine reads it (see `ods_size`): nothing is held but the
//! current tag.
//!
//! The markup is split the way quick-xml (calamine's parser) splits it, or
//! a hostile file could hide a tag from this look that calamine then reads:
//! the XLSX fuzzer did exactly that with one stray `"` in a processing
//! instruction. So: `<?...?>` ends at `?>` whatever its quotes, comments at
//! `-->`, CDATA at `]]>`, and start and end tags (quick-xml 0.42 reads both
//! alike, allowing attributes in end tags) at the first `>` outside `"..."`
//! or `'...'`.

use std::io::BufRead;
use std::ops::ControlFlow;

/// Where the reader is in the markup.
#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Text,
    /// Just after `<`.
    Open,
    /// In a start or end tag; the quote when inside an attribute value.
    Tag(Option<u8>),
    /// In `<?...?>`; whether the last byte was `?`.
    Pi(bool),
    /// After `<!`, with how many bytes of it are known (`--`, `[CDATA[` or
    /// `DOCTYPE` decide).
    Bang(usize),
    /// In a comment: how many `-` just came.
    Comment(u8),
    /// In CDATA: how many `]` just came.
    CData(u8),
    /// In `<!DOCTYPE`, and whether it has a name (anything but spaces).
    Doctype(Dtd, bool),
}

/// Inside `<!DOCTYPE ...>`, as quick-xml's `DtdParser` reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dtd {
    /// Before the internal subset; the quote when inside a literal.
    Before(Option<u8>),
    /// In the `[...]` subset.
    Inside,
    /// After a `<` in the subset, its first bytes deciding what it is.
    Markup,
    Comment(u8),
    Pi(bool),
    /// `<!ELEMENT` or markup it does not know: until `>`.
    UntilGt,
    /// `<!ENTITY`, `<!ATTLIST`, `<!NOTATION`: until `>` outside quotes.
    Quoted(Option<u8>),
    /// After `]`, until `>`.
    After,
}

/// Markup in a DTD subset, by its first bytes after `<`.
const DTD_MARKUP: [(&[u8], Dtd); 6] = [
    (b"?", Dtd::Pi(false)),
    (b"!--", Dtd::Comment(0)),
    (b"!ELEMENT", Dtd::UntilGt),
    (b"!ENTITY", Dtd::Quoted(None)),
    (b"!ATTLIST", Dtd::Quoted(None)),
    (b"!NOTATION", Dtd::Quoted(None)),
];

/// The next DTD state after byte `b`; `None` at the `>` that ends it.
fn dtd_step(dtd: Dtd, b: u8, markup: &mut Vec<u8>) -> Option<Dtd> {
    Some(match dtd {
        Dtd::Before(None) => match b {
            b'[' => Dtd::Inside,
            b'>' => return None,
            _ => Dtd::Before(quote_of(b)),
        },
        Dtd::Before(Some(q)) => Dtd::Before((q != b).then_some(q)),
        Dtd::Inside => match b {
            b']' => Dtd::After,
            b'<' => {
                markup.clear();
                Dtd::Markup
            }
            _ => Dtd::Inside,
        },
        Dtd::Markup => {
            markup.push(b);
            if let Some((_, next)) = DTD_MARKUP.iter().find(|(key, _)| *key == markup.as_slice()) {
                *next
            } else if DTD_MARKUP.iter().any(|(key, _)| key.starts_with(markup)) {
                Dtd::Markup
            } else if b == b'>' {
                Dtd::Inside
            } else {
                Dtd::UntilGt
            }
        }
        Dtd::Comment(dashes) if b == b'>' && dashes >= 2 => Dtd::Inside,
        Dtd::Comment(dashes) => Dtd::Comment(if b == b'-' {
            dashes.saturating_add(1)
        } else {
            0
        }),
        Dtd::Pi(true) if b == b'>' => Dtd::Inside,
        Dtd::Pi(_) => Dtd::Pi(b == b'?'),
        Dtd::UntilGt => {
            if b == b'>' {
                Dtd::Inside
            } else {
                Dtd::UntilGt
            }
        }
        Dtd::Quoted(None) if b == b'>' => Dtd::Inside,
        Dtd::Quoted(None) => Dtd::Quoted(quote_of(b)),
        Dtd::Quoted(Some(q)) => Dtd::Quoted((q != b).then_some(q)),
        Dtd::After => {
            if b == b'>' {
                return None;
            }
            Dtd::After
        }
    })
}

/// Calls `each` with the inside of every start and end tag of an XML
/// stream (`table:table-row a="1"`, `/table:table-row`,
/// `table:table-cell/`), whole (a tag is held as quick-xml holds it for
/// calamine: no more memory than calamine takes anyway), and the number of
/// bytes between the previous tag and this one (text, comments,
/// instructions: anything quick-xml reports as an event of its own, which
/// calamine may refuse where it expects a tag). Stops when `each`
/// says so, at markup quick-xml would refuse (calamine then fails too), or
/// at a read error or the end. Returns true when it read to the end of a
/// well-ended stream (not inside markup).
pub(super) fn for_each_tag(
    mut reader: impl BufRead,
    mut each: impl FnMut(&[u8], u64) -> ControlFlow<()>,
) -> bool {
    let mut tag = Vec::new();
    let mut bang = Vec::new();
    let mut dtd_markup = Vec::new();
    let mut state = State::Text;
    // Bytes since the last tag reported, and how many of them came before
    // the `<` of the tag being read.
    let mut since: u64 = 0;
    let mut before: u64 = 0;
    while let Ok(chunk) = reader.fill_buf() {
        if chunk.is_empty() {
            return state == State::Text;
        }
        for &b in chunk {
            since += 1;
            state = match state {
                State::Text if b == b'<' => {
                    before = since - 1;
                    State::Open
                }
                State::Text => State::Text,
                State::Open => match b {
                    b'?' => State::Pi(false),
                    b'!' => {
                        bang.clear();
                        State::Bang(0)
                    }
                    b'/' => {
                        tag.clear();
                        tag.push(b);
                        State::Tag(None)
                    }
                    b'>' => {
                        since = 0;
                        if each(&[], before).is_break() {
                            return false;
                        }
                        State::Text
                    }
                    _ => {
                        tag.clear();
                        tag.push(b);
                        State::Tag(quote_of(b))
                    }
                },
                State::Tag(None) if b == b'>' => {
                    since = 0;
                    if each(&tag, before).is_break() {
                        return false;
                    }
                    State::Text
                }
                State::Tag(quote) => {
                    tag.push(b);
                    State::Tag(match quote {
                        Some(q) if q == b => None,
                        Some(q) => Some(q),
                        None => quote_of(b),
                    })
                }
                State::Pi(true) if b == b'>' => State::Text,
                State::Pi(_) => State::Pi(b == b'?'),
                State::Bang(_) => {
                    bang.push(b);
                    if bang == b"--" {
                        State::Comment(0)
                    } else if bang == b"[CDATA[" {
                        State::CData(0)
                    } else if bang.eq_ignore_ascii_case(b"DOCTYPE") {
                        State::Doctype(Dtd::Before(None), false)
                    } else if [&b"--"[..], b"[CDATA[", b"DOCTYPE"].iter().any(|w| {
                        w.len() > bang.len() && w[..bang.len()].eq_ignore_ascii_case(&bang)
                    }) {
                        State::Bang(bang.len())
                    } else {
                        return false;
                    }
                }
                State::Comment(dashes) if b == b'>' && dashes >= 2 => State::Text,
                State::Comment(dashes) => State::Comment(if b == b'-' {
                    dashes.saturating_add(1)
                } else {
                    0
                }),
                State::CData(brackets) if b == b'>' && brackets >= 2 => State::Text,
                State::CData(brackets) => State::CData(if b == b']' {
                    brackets.saturating_add(1)
                } else {
                    0
                }),
                State::Doctype(dtd, named) => match dtd_step(dtd, b, &mut dtd_markup) {
                    Some(next) => State::Doctype(next, named || !b.is_ascii_whitespace()),
                    // quick-xml refuses a DOCTYPE without a name.
                    None if !named => return false,
                    None => State::Text,
                },
            };
        }
        let consumed = chunk.len();
        reader.consume(consumed);
    }
    false
}

fn quote_of(b: u8) -> Option<u8> {
    matches!(b, b'"' | b'\'').then_some(b)
}

/// The element of a tag as quick-xml names it: `table:table-row` for
/// `table:table-row a="1"` and `table:table-row/`; for an end tag, all of it
/// but trailing spaces (`/table:table-row`, and `/table:table/` for
/// `</table:table/>`, which ends nothing for calamine).
pub(super) fn element_name(tag: &[u8]) -> &[u8] {
    if tag.first() == Some(&b'/') {
        let end = tag
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        return &tag[..end];
    }
    let tag = tag.strip_suffix(b"/").unwrap_or(tag);
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(tag.len());
    &tag[..end]
}

/// The attributes of a start tag in order, as calamine reads them (its own
/// `RawAttrIter`, attrs.rs of calamine 0.38): a key runs to the `=` (spaces
/// in it and all), the value must be quoted, and a value whose quote never
/// closes runs to the end. Stops at the first malformed one, where calamine
/// returns an error.
pub(super) fn attributes(tag: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut found = Vec::new();
    let tag = tag.strip_suffix(b"/").unwrap_or(tag);
    // Skip the element name.
    let mut i = tag
        .iter()
        .position(|b| b.is_ascii_whitespace())
        .unwrap_or(tag.len());
    let skip_spaces = |i: &mut usize| {
        while *i < tag.len() && tag[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip_spaces(&mut i);
        if i >= tag.len() {
            return found;
        }
        let key_start = i;
        let Some(equals) = tag[i..].iter().position(|&b| b == b'=') else {
            return found;
        };
        let key = tag[key_start..i + equals].trim_ascii_end();
        i += equals + 1;
        skip_spaces(&mut i);
        let Some(quote) = tag.get(i).copied().and_then(quote_of) else {
            return found;
        };
        let value_start = i + 1;
        let len = tag[value_start..]
            .iter()
            .position(|&b| b == quote)
            .unwrap_or(tag.len() - value_start);
        found.push((key, &tag[value_start..value_start + len]));
        i = value_start + len + 1;
    }
}

/// The value of attribute `name` in a start tag, if it has one.
pub(super) fn attribute<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    attributes(tag)
        .into_iter()
        .find_map(|(key, value)| (key == name).then_some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(xml: &str) -> Vec<String> {
        let mut seen = Vec::new();
        for_each_tag(xml.as_bytes(), |t, _| {
            seen.push(String::from_utf8_lossy(t).into_owned());
            ControlFlow::Continue(())
        });
        seen
    }

    #[test]
    fn a_greater_than_inside_an_attribute_does_not_end_the_tag() {
        assert_eq!(
            tags(r#"<a v="x>y" w='1>2' n="2"/>text<b>"#),
            [r#"a v="x>y" w='1>2' n="2"/"#, "b"]
        );
    }

    #[test]
    fn quotes_in_instructions_comments_and_cdata_do_not_count() {
        // The fuzzer's trick: a stray quote in a processing instruction.
        assert_eq!(
            tags(r#"<?xm "?><a><!-- " > --><![CDATA[ " > ]]><b/></a>"#),
            ["a", "b/", "/a"]
        );
        assert_eq!(tags(r#"<!DOCTYPE x [ <!ENTITY e "a>b"> ]><c>"#), ["c"]);
    }

    #[test]
    fn end_tags_are_read_with_quotes_too() {
        // The ODS fuzzer's fourth hang: `</table:tag">` does not end at its
        // `>`, because quick-xml reads end tags like start tags; the quote
        // runs on to the next one, and the tag to the `>` after it.
        assert_eq!(
            tags(r#"<a></b x="1>2"><c></b">"<d>"#),
            ["a", r#"/b x="1>2""#, "c", r#"/b">"<d"#]
        );
    }

    #[test]
    fn markup_quick_xml_refuses_ends_the_walk() {
        assert_eq!(tags("<a><!nonsense><b>"), ["a"]);
    }

    #[test]
    fn the_walk_stops_when_asked() {
        let mut seen = 0;
        for_each_tag("<a><b><c>".as_bytes(), |_, _| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 2);
    }

    #[test]
    fn bytes_between_tags_are_counted_and_the_end_is_reported() {
        let mut between = Vec::new();
        let whole = for_each_tag("<a>xyz<!--c--><b/><c>".as_bytes(), |_, n| {
            between.push(n);
            ControlFlow::Continue(())
        });
        // Nothing before <a>; "xyz" + "<!--c-->" = 3 + 8 = 11 before <b/>.
        assert_eq!(between, [0, 11, 0]);
        assert!(whole);
        assert!(!for_each_tag("<a><b".as_bytes(), |_, _| {
            ControlFlow::Continue(())
        }));
        assert!(!for_each_tag("<a><!x>".as_bytes(), |_, _| {
            ControlFlow::Continue(())
        }));
    }

    #[test]
    fn element_names_keep_the_end_tag_slash_only() {
        assert_eq!(element_name(b"t:row a=\"1\""), b"t:row");
        assert_eq!(element_name(b"t:row/"), b"t:row");
        assert_eq!(element_name(b"t:row a=\"1\"/"), b"t:row");
        assert_eq!(element_name(b"/t:row"), b"/t:row");
        assert_eq!(element_name(b"/t:row  "), b"/t:row");
        // The ODS fuzzer's second hang: `</table:table/>` closes nothing.
        assert_eq!(element_name(b"/t:table/"), b"/t:table/");
        assert_eq!(element_name(b"t:rows"), b"t:rows");
        assert_eq!(element_name(b""), b"");
    }

    #[test]
    fn attributes_are_read_with_either_quote_and_spaces() {
        let tag = br#"t:row t:n="1" t:m = '20' t:e="" t:x="a b"/"#;
        assert_eq!(attribute(tag, b"t:n"), Some(&b"1"[..]));
        assert_eq!(attribute(tag, b"t:m"), Some(&b"20"[..]));
        assert_eq!(attribute(tag, b"t:e"), Some(&b""[..]));
        assert_eq!(attribute(tag, b"t:x"), Some(&b"a b"[..]));
        assert_eq!(attribute(tag, b"t:row"), None);
        assert_eq!(attribute(tag, b"n"), None);
        // As calamine: a key runs to its `=`, spaces and all; an unclosed
        // value to the end; an unquoted one stops the reading.
        assert_eq!(
            attribute(br#"t foo t:name="x""#, b"foo t:name"),
            Some(&b"x"[..])
        );
        assert_eq!(attribute(br#"t foo t:name="x""#, b"t:name"), None);
        assert_eq!(attribute(br#"t a="x"#, b"a"), Some(&b"x"[..]));
        assert_eq!(attribute(br#"t a=1 b="2""#, b"b"), None);
    }
}
