//! calamine's ODS reading (ods.rs of calamine 0.38) as a state machine over
//! tags, so that the size check sees what calamine will build, and where
//! it will stop or never stop, rather than what the XML's nesting says.

use std::ops::ControlFlow;

use super::super::xml_tags::{attribute, attributes, element_name};
use super::{Extent, Sheet, number};

/// Where calamine's ODS reader (ods.rs of calamine 0.38) would be: what it
/// reads, skips, refuses and where it never stops is what is sized here.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Place {
    /// `parse_content`: looking for sheets.
    #[default]
    Content,
    /// `read_named_expressions`: anything but names is an error.
    Names,
    /// `read_table`: rows until `</table:table>`; ignores the end of the file.
    Table,
    /// `read_row`: cells until `</table:table-row>`; anything else is an error.
    Row,
    /// `get_datatype` reading a text cell's content until its end tag.
    Text { repeats: u64, bytes: u64 },
    /// ... and inside its comment, until `</office:annotation>`; ignores the
    /// end of the file.
    Comment { repeats: u64, bytes: u64 },
    /// `read_to_end_into`: skipping the rest of a cell with a value.
    Skip { name: Vec<u8>, depth: u32 },
}

#[derive(Default)]
pub(super) struct Walk {
    pub(super) place: Place,
    /// calamine stops here with an error: nothing after counts.
    pub(super) stopped: bool,
    sheet: Sheet,
    pub(super) name: String,
    in_sheet: bool,
    pub(super) cells: u64,
    pub(super) text: u64,
    pub(super) largest: Option<(String, Extent)>,
}

impl Walk {
    /// One tag, after `before` bytes of text or other markup since the last.
    pub(super) fn tag(&mut self, tag: &[u8], before: u64) -> ControlFlow<()> {
        if before > 0 {
            self.text_event(before)?;
        }
        let name = element_name(tag);
        if let Some(end) = name.strip_prefix(b"/") {
            return self.end(end);
        }
        self.start(name, tag)?;
        // calamine has quick-xml turn `<x/>` into a start and an end.
        if tag.ends_with(b"/") {
            self.end(name)?;
        }
        ControlFlow::Continue(())
    }

    fn stop(&mut self) -> ControlFlow<()> {
        self.stopped = true;
        ControlFlow::Break(())
    }

    fn text_event(&mut self, bytes: u64) -> ControlFlow<()> {
        match &mut self.place {
            Place::Row | Place::Names => return self.stop(),
            Place::Text { bytes: b, .. } => *b = b.saturating_add(bytes),
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn start(&mut self, name: &[u8], tag: &[u8]) -> ControlFlow<()> {
        match &mut self.place {
            Place::Content => match name {
                // calamine reads a sheet only when it has a name (and skips
                // the rows of one that has none, `tab1e:name` say).
                b"table:table" => {
                    if let Some(sheet_name) = attribute(tag, b"table:name") {
                        self.finish_sheet();
                        self.in_sheet = true;
                        self.name = String::from_utf8_lossy(sheet_name).into_owned();
                        self.place = Place::Table;
                    }
                }
                b"table:named-expressions" => self.place = Place::Names,
                _ => {}
            },
            Place::Names => {
                if !matches!(name, b"table:named-range" | b"table:named-expression") {
                    return self.stop();
                }
            }
            Place::Table => {
                if name == b"table:table-row" {
                    self.sheet
                        .start_row(number(tag, b"table:number-rows-repeated"));
                    self.place = Place::Row;
                }
            }
            Place::Row => match name {
                b"table:table-cell" | b"table:covered-table-cell" => self.cell(name, tag),
                _ => return self.stop(),
            },
            Place::Text { repeats, bytes } => match name {
                b"office:annotation" => {
                    self.place = Place::Comment {
                        repeats: *repeats,
                        bytes: *bytes,
                    }
                }
                // `<text:s text:c="N"/>` is N spaces of the cell's text.
                b"text:s" => *bytes = bytes.saturating_add(number(tag, b"text:c")),
                _ => {}
            },
            Place::Comment { .. } => {}
            Place::Skip {
                name: skipped,
                depth,
            } => {
                if name == skipped.as_slice() {
                    *depth += 1;
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// `get_datatype`: a cell's value from its attributes (the first value
    /// attribute wins, and `office:value-type` counts only before it), or
    /// from its content for a text cell without `office:string-value`.
    fn cell(&mut self, name: &[u8], tag: &[u8]) {
        let repeats = number(tag, b"table:number-columns-repeated");
        let (mut value_set, mut is_string, mut is_error, mut empty_string) =
            (false, false, false, false);
        let mut own_text: u64 = 0;
        for (key, value) in attributes(tag) {
            match key {
                b"office:value"
                | b"office:date-value"
                | b"office:time-value"
                | b"office:boolean-value"
                    if !value_set =>
                {
                    value_set = true
                }
                b"office:string-value" if !value_set => {
                    value_set = true;
                    empty_string = value.is_empty();
                    own_text += value.len() as u64;
                }
                b"office:value-type" if !value_set => is_string = value == b"string",
                b"calcext:value-type" => is_error = value == b"error",
                // Copied into every repeat, in calamine's formula grid.
                b"table:formula" => own_text += value.len() as u64,
                _ => {}
            }
        }
        if (!value_set && is_string) || (is_error && empty_string) {
            self.place = Place::Text {
                repeats,
                bytes: own_text,
            };
        } else {
            let filled = value_set || own_text > 0;
            self.sheet.cell(repeats, filled, own_text);
            self.place = Place::Skip {
                name: name.to_vec(),
                depth: 0,
            };
        }
    }

    fn end(&mut self, name: &[u8]) -> ControlFlow<()> {
        match &mut self.place {
            Place::Content => {}
            Place::Names => match name {
                b"table:named-range" | b"table:named-expression" => {}
                b"table:named-expressions" => self.place = Place::Content,
                _ => return self.stop(),
            },
            Place::Table => {
                if name == b"table:table" {
                    self.finish_sheet();
                    self.place = Place::Content;
                }
            }
            Place::Row => {
                if name != b"table:table-row" {
                    return self.stop();
                }
                self.sheet.end_row();
                self.place = Place::Table;
            }
            Place::Text { repeats, bytes } => {
                if matches!(name, b"table:table-cell" | b"table:covered-table-cell") {
                    let (repeats, bytes) = (*repeats, *bytes);
                    self.sheet.cell(repeats, true, bytes);
                    self.place = Place::Row;
                }
            }
            Place::Comment { repeats, bytes } => {
                if name == b"office:annotation" {
                    self.place = Place::Text {
                        repeats: *repeats,
                        bytes: *bytes,
                    };
                }
            }
            Place::Skip {
                name: skipped,
                depth,
            } => {
                if name == skipped.as_slice() {
                    if *depth == 0 {
                        self.place = Place::Row;
                    } else {
                        *depth -= 1;
                    }
                }
            }
        }
        ControlFlow::Continue(())
    }

    /// Adds the sheet being read (if any) to the totals.
    pub(super) fn finish_sheet(&mut self) {
        if !std::mem::take(&mut self.in_sheet) {
            return;
        }
        let sheet = std::mem::take(&mut self.sheet);
        let extent = sheet.extent();
        self.cells = self.cells.saturating_add(extent.cells());
        self.text = self.text.saturating_add(sheet.text);
        if self
            .largest
            .as_ref()
            .is_none_or(|(_, e)| extent.cells() > e.cells())
        {
            self.largest = Some((std::mem::take(&mut self.name), extent));
        }
    }
}
