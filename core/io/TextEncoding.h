#pragma once

#include <optional>
#include <QString>
#include <QStringView>

namespace outpost {

// The character encodings the import/export formats read and write.
enum class TextEncoding
{
    Auto, // detect from the data (BOM, NUL-byte pattern, UTF-8 validity)
    Utf8,
    Utf16LE,
    Utf16BE,
    Utf32LE,
    Utf32BE,
    Latin1,      // ISO-8859-1 exactly (0x80–0x9F are C1 controls)
    Windows1252, // Latin-1 plus € ‚ „ … ‘ ’ “ ” – — ™ Š š Ž ž Œ œ Ÿ in 0x80–0x9F (Excel, Outlook)
};

// A stable, IANA-style name ("UTF-8", "UTF-16LE", "windows-1252", "ISO-8859-1", "auto").
QString textEncodingName(TextEncoding encoding);

// Maps a charset label (CHARSET= params, user choice) onto an encoding, case-insensitively: "utf-8", "UTF8",
// "ISO-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii" (→ UTF-8, its superset) … nullopt when
// unknown. Like browsers (WHATWG), ISO-8859-1 labels map to Windows1252: real files labelled Latin-1 use
// 0x80–0x9F for € and typographic quotes, never for C1 controls.
std::optional<TextEncoding> textEncodingFromName(QStringView name);

} // namespace outpost
