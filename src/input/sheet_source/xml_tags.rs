//! A streaming look at the tags of an XML part, for sizing workbook parts
//! before calamine reads them (see `ods_size`): no
//! parser state is kept, nothing is held but the current tag.

use std::io::BufRead;
use std::ops::ControlFlow;

/// Calls `each` with the inside of every `<...>` of an XML stream
/// (`table:table-row a="1"`, `/table:table-row`, `table:table-cell/`), at
/// most [`TAG_KEPT`] bytes of it: the attributes looked for come first, and
/// text values can be long. Stops when `each` says so, or quietly at a read
/// error or the end.
pub(super) fn for_each_tag(
    mut reader: impl BufRead,
    mut each: impl FnMut(&[u8]) -> ControlFlow<()>,
) {
    let mut tag = Vec::new();
    let mut in_tag = false;
    let mut in_quotes = false;
    loop {
        let Ok(chunk) = reader.fill_buf() else {
            return;
        };
        if chunk.is_empty() {
            return;
        }
        for &byte in chunk {
            if !in_tag {
                in_tag = byte == b'<';
                continue;
            }
            match byte {
                b'"' => in_quotes = !in_quotes,
                b'>' if !in_quotes => {
                    if each(&tag).is_break() {
                        return;
                    }
                    tag.clear();
                    in_tag = false;
                    continue;
                }
                _ => {}
            }
            if tag.len() < TAG_KEPT {
                tag.push(byte);
            }
        }
        let consumed = chunk.len();
        reader.consume(consumed);
    }
}

const TAG_KEPT: usize = 4096;

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The value of the attribute whose `name="` is given, as text.
pub(super) fn attribute(tag: &[u8], name: &[u8]) -> Option<String> {
    let start = find(tag, name)? + name.len();
    let len = tag[start..].iter().position(|&b| b == b'"')?;
    Some(String::from_utf8_lossy(&tag[start..start + len]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(xml: &str) -> Vec<String> {
        let mut seen = Vec::new();
        for_each_tag(xml.as_bytes(), |t| {
            seen.push(String::from_utf8_lossy(t).into_owned());
            ControlFlow::Continue(())
        });
        seen
    }

    #[test]
    fn a_greater_than_inside_an_attribute_does_not_end_the_tag() {
        assert_eq!(
            tags(r#"<a v="x>y" n="2"/>text<b>"#),
            [r#"a v="x>y" n="2"/"#, "b"]
        );
    }

    #[test]
    fn the_walk_stops_when_asked() {
        let mut seen = 0;
        for_each_tag("<a><b><c>".as_bytes(), |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(seen, 2);
    }
}
