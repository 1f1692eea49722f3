#pragma once

#include "io/TextEncoding.h"

#include <QByteArrayView>

namespace outpost {

// Guesses the encoding of a text file from its first bytes. Pure functions; TextDecoder and the vCard line
// reader call them on the head of a stream.
class EncodingDetector
{
public:
    struct Guess
    {
        // Utf8/Utf16*/Utf32* when a BOM or a NUL-byte pattern says so; Auto when the data is 8-bit text whose
        // exact encoding (UTF-8 or Windows-1252) is decided later by checkUtf8() on the first non-ASCII
        // bytes.
        TextEncoding encoding = TextEncoding::Auto;
        int bomLength = 0;
    };

    // Enough head bytes for a reliable guess; fewer are fine at the end of the input.
    static constexpr int kSniffBytes = 512;

    // BOM first (UTF-32 before UTF-16: FF FE 00 00 is the UTF-32LE BOM), then NUL-byte patterns: ASCII-heavy
    // UTF-16 text has a zero in every other byte, UTF-32 in three of four.
    static Guess detect(QByteArrayView head);

    enum class Utf8Verdict
    {
        Valid,    // only well-formed UTF-8, with at least one multi-byte sequence (or only ASCII when final)
        Invalid,  // some byte sequence is not UTF-8
        NeedMore, // nothing but an incomplete sequence at the end: read more bytes before deciding
    };
    // Checks bytes for UTF-8 well-formedness (no overlongs, surrogates or code points above U+10FFFF). When
    // not final, an incomplete sequence at the very end is not an error.
    static Utf8Verdict checkUtf8(QByteArrayView bytes, bool final);

    // Length of the well-formed UTF-8 sequence starting at bytes[0], 0 when malformed, -1 when it is
    // well-formed so far but cut off by the end of the bytes.
    static int utf8SequenceLength(QByteArrayView bytes);
};

} // namespace outpost
