#!/bin/sh
# Seed the fuzz corpora (fuzz/corpus/<target>, not committed) from the
# sample exports and the bad-input corpus. Run from anywhere; needs unzip.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
csv="$here/corpus/csv_intake"
xlsx="$here/corpus/xlsx_intake"
ods="$here/corpus/ods_intake"
mkdir -p "$csv" "$xlsx" "$ods"

for f in "$root"/samples/*.csv "$root"/samples/messy/*.csv \
         "$root"/tests/data/*.csv "$root"/tests/data/bad/*.csv "$root"/tests/data/bad/fuzz/*.csv; do
    [ -f "$f" ] || continue
    # The first 60 lines are enough to reach every branch of a row; whole
    # samples would only slow each run down.
    head -n 60 "$f" > "$csv/$(basename "$f")"
done

# A workbook seeds the XLSX target twice: as a whole file (fuzzing the ZIP
# layer) and as its XML parts joined by 0xFF bytes (the form the target
# wraps in a valid ZIP, fuzzing calamine's XML and csf's cell code).
part() { unzip -p "$1" "$2" 2>/dev/null || true; }
# Findings of the XLSX target are kept in its own input form.
for f in "$root"/tests/data/bad/fuzz/*.parts; do
    [ -f "$f" ] && cp "$f" "$xlsx/"
done
for f in "$root"/samples/*.xlsx "$root"/samples/messy/*.xlsx "$root"/tests/data/bad/*.xlsx; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .xlsx)
    cp "$f" "$xlsx/$name.whole"
    sheet=$(unzip -Z1 "$f" 2>/dev/null | grep '^xl/worksheets/[^/]*\.xml$' | sort | head -n 1 || true)
    [ -n "$sheet" ] || continue
    {
        # Big sheets are cut after 40 rows and closed again.
        part "$f" "$sheet" | awk 'BEGIN{RS="</row>"; ORS="</row>"} NR<=40{print} NR==41{ORS=""; print "</sheetData></worksheet>"; exit}'
        printf '\377'; part "$f" xl/sharedStrings.xml
        printf '\377'; part "$f" xl/styles.xml
        printf '\377'; part "$f" xl/workbook.xml
    } > "$xlsx/$name.parts"
done
# The ODS target takes content.xml.
for f in "$root"/tests/data/bad/*.ods; do
    [ -f "$f" ] && unzip -p "$f" content.xml > "$ods/$(basename "$f" .ods).xml"
done
for f in "$root"/tests/data/bad/fuzz/*.xml; do
    [ -f "$f" ] && cp "$f" "$ods/"
done

echo "seeded: $(ls "$csv" | wc -l) CSV, $(ls "$xlsx" | wc -l) XLSX, $(ls "$ods" | wc -l) ODS inputs"
