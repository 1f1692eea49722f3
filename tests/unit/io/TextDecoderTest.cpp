#include "io/TextDecoder.h"

#include "io/EncodingDetector.h"
#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QStringEncoder>
#include <tuple>

using namespace outpost;
using namespace outpost::test;

namespace {

const QString kSample = QStringLiteral("Grüße, José! Straße 5 € — 😀 ok");

QByteArray encode(const QString& text, QStringConverter::Encoding encoding)
{
    QStringEncoder encoder(encoding);
    return encoder.encode(text);
}

// Decodes in chunks of the given size, as the readers do.
QString decodeInChunks(TextDecoder& decoder, const QByteArray& data, qsizetype chunk)
{
    QString out;
    for (qsizetype i = 0; i < data.size(); i += chunk)
        out += decoder.decode(QByteArrayView(data).sliced(i, std::min(chunk, data.size() - i)));
    out += decoder.finish();
    return out;
}

} // namespace

TEST(TextDecoderTest, Utf8WithBomIsDetectedAndTheBomDropped)
{
    TextDecoder decoder;
    const QString text = decodeInChunks(decoder, bytes("{EF}{BB}{BF}") + kSample.toUtf8(), 64);
    EXPECT_EQ(text, kSample);
    EXPECT_EQ(decoder.encoding(), TextEncoding::Utf8);
    EXPECT_EQ(decoder.bomLength(), 3);
    EXPECT_FALSE(decoder.hasErrors());
}

TEST(TextDecoderTest, Utf8WithoutBomIsDetectedFromValidSequences)
{
    TextDecoder decoder;
    EXPECT_EQ(decodeInChunks(decoder, kSample.toUtf8(), 1000), kSample);
    EXPECT_EQ(decoder.encoding(), TextEncoding::Utf8);
    EXPECT_EQ(decoder.bomLength(), 0);
}

TEST(TextDecoderTest, Utf16WithBomBothByteOrders)
{
    for (auto [qt, ours, bom] :
         {std::tuple{QStringConverter::Utf16LE, TextEncoding::Utf16LE, bytes("{FF}{FE}")},
          std::tuple{QStringConverter::Utf16BE, TextEncoding::Utf16BE, bytes("{FE}{FF}")}}) {
        TextDecoder decoder;
        EXPECT_EQ(decodeInChunks(decoder, bom + encode(kSample, qt), 7), kSample);
        EXPECT_EQ(decoder.encoding(), ours);
        EXPECT_EQ(decoder.bomLength(), 2);
    }
}

TEST(TextDecoderTest, Utf16WithoutBomIsGuessedFromNulBytes)
{
    const QString csv = QStringLiteral("name,city\r\nJosé,Köln\r\nAnna,Berlin\r\n");
    TextDecoder le;
    EXPECT_EQ(decodeInChunks(le, encode(csv, QStringConverter::Utf16LE), 5), csv);
    EXPECT_EQ(le.encoding(), TextEncoding::Utf16LE);
    TextDecoder be;
    EXPECT_EQ(decodeInChunks(be, encode(csv, QStringConverter::Utf16BE), 5), csv);
    EXPECT_EQ(be.encoding(), TextEncoding::Utf16BE);
}

TEST(TextDecoderTest, Utf32WithBom)
{
    TextDecoder decoder;
    EXPECT_EQ(
        decodeInChunks(decoder, bytes("{FF}{FE}{00}{00}") + encode(kSample, QStringConverter::Utf32LE), 3),
        kSample);
    EXPECT_EQ(decoder.encoding(), TextEncoding::Utf32LE);
    EXPECT_EQ(decoder.bomLength(), 4);
}

TEST(TextDecoderTest, InvalidUtf8FallsBackToWindows1252)
{
    // é ü ß in Latin-1 positions, € and the typographic quotes and dash only Windows-1252 has.
    TextDecoder decoder;
    const QString text =
        decodeInChunks(decoder, bytes("Ren{E9} M{FC}ller, Stra{DF}e: 5 {80} {84}ok{93} {96} {99}"), 4);
    EXPECT_EQ(text, u8s("René Müller, Straße: 5 € „ok“ – ™"));
    EXPECT_EQ(decoder.encoding(), TextEncoding::Windows1252);
}

TEST(TextDecoderTest, UndefinedWindows1252BytesMapToC1Controls)
{
    EXPECT_EQ(TextDecoder::decodeWindows1252(bytes("{81}{8D}{8F}{90}{9D}")),
              QString(QChar(0x81)) + QChar(0x8D) + QChar(0x8F) + QChar(0x90) + QChar(0x9D));
}

TEST(TextDecoderTest, FirstAccentAfterTheFirstChunkStillDecidesTheEncoding)
{
    // An Excel export whose first non-ASCII byte comes after 100 KB of ASCII.
    const QByteArray ascii(100 * 1024, 'a');
    TextDecoder decoder;
    const QString text = decodeInChunks(decoder, ascii + bytes("\nJos{E9}\n"), 64 * 1024);
    EXPECT_EQ(text.right(5), u8s("José\n"));
    EXPECT_EQ(decoder.encoding(), TextEncoding::Windows1252);

    TextDecoder utf8;
    EXPECT_EQ(decodeInChunks(utf8, ascii + QByteArray("\nJosé\n"), 64 * 1024).right(5), u8s("José\n"));
    EXPECT_EQ(utf8.encoding(), TextEncoding::Utf8);
}

TEST(TextDecoderTest, PureAsciiStaysUndecided)
{
    TextDecoder decoder;
    EXPECT_EQ(decodeInChunks(decoder, QByteArray("plain,ascii\n"), 3), QStringLiteral("plain,ascii\n"));
    EXPECT_EQ(decoder.encoding(), TextEncoding::Auto);
}

TEST(TextDecoderTest, SequencesSplitAcrossChunkBoundariesAreDecodedWhole)
{
    const QByteArray utf8 = kSample.toUtf8();
    const QByteArray utf16 = bytes("{FF}{FE}") + encode(kSample, QStringConverter::Utf16LE);
    const QByteArray utf32 = bytes("{00}{00}{FE}{FF}") + encode(kSample, QStringConverter::Utf32BE);
    for (qsizetype chunk = 1; chunk <= 9; ++chunk) {
        SCOPED_TRACE(chunk);
        TextDecoder a;
        EXPECT_EQ(decodeInChunks(a, utf8, chunk), kSample);
        EXPECT_FALSE(a.hasErrors());
        TextDecoder forced(TextEncoding::Utf8);
        EXPECT_EQ(decodeInChunks(forced, bytes("{EF}{BB}{BF}") + utf8, chunk), kSample);
        EXPECT_FALSE(forced.hasErrors());
        TextDecoder b;
        EXPECT_EQ(decodeInChunks(b, utf16, chunk), kSample);
        TextDecoder c;
        EXPECT_EQ(decodeInChunks(c, utf32, chunk), kSample);
    }
}

TEST(TextDecoderTest, IncompleteSequenceAtTheEndBecomesReplacementCharacter)
{
    TextDecoder decoder(TextEncoding::Utf8);
    const QString text = decodeInChunks(decoder, QByteArray("ab") + bytes("{E2}{82}"), 1);
    // Qt replaces each byte of the cut-off sequence; what matters is that nothing is lost silently.
    EXPECT_TRUE(text.startsWith(QStringLiteral("ab")));
    EXPECT_GE(text.size(), 3);
    EXPECT_EQ(text.mid(2), QString(text.size() - 2, QChar(QChar::ReplacementCharacter)));
    EXPECT_TRUE(decoder.hasErrors());
}

TEST(TextDecoderTest, ForcedEncodingsWin)
{
    EXPECT_EQ(TextDecoder::decodeAll(bytes("{80}{E9}"), TextEncoding::Latin1),
              QString(QChar(0x80)) + QChar(0xE9));
    EXPECT_EQ(TextDecoder::decodeAll(bytes("{80}{E9}"), TextEncoding::Windows1252), u8s("€é"));
    TextDecoder utf8(TextEncoding::Utf8);
    const QString text = decodeInChunks(utf8, bytes("Ren{E9}"), 16);
    EXPECT_EQ(text, QStringLiteral("Ren") + QChar(QChar::ReplacementCharacter));
    EXPECT_TRUE(utf8.hasErrors());
}

TEST(TextDecoderTest, EncodedLengthCountsInputBytes)
{
    TextDecoder decoder(TextEncoding::Utf8);
    EXPECT_EQ(decoder.encodedLength(kSample), kSample.toUtf8().size());
    TextDecoder wide(TextEncoding::Utf32LE);
    EXPECT_EQ(wide.encodedLength(u8s("a😀")), 8);
    TextDecoder utf16(TextEncoding::Utf16BE);
    EXPECT_EQ(utf16.encodedLength(u8s("a😀")), 6);
}

TEST(TextDecoderTest, DetectorRejectsOverlongsSurrogatesAndOutOfRange)
{
    using V = EncodingDetector::Utf8Verdict;
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("{C0}{AF}"), true), V::Invalid);         // overlong '/'
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("{ED}{A0}{80}"), true), V::Invalid);     // surrogate
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("{F4}{90}{80}{80}"), true), V::Invalid); // > U+10FFFF
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("a{C3}"), false), V::NeedMore);
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("a{C3}"), true), V::Invalid);
    EXPECT_EQ(EncodingDetector::checkUtf8(bytes("{C3}{A9}{E2}"), false), V::Valid);
}

TEST(TextDecoderTest, EncodingNamesFromCharsetLabels)
{
    EXPECT_EQ(textEncodingFromName(u"UTF-8"), TextEncoding::Utf8);
    EXPECT_EQ(textEncodingFromName(u"utf8"), TextEncoding::Utf8);
    EXPECT_EQ(textEncodingFromName(u"ISO-8859-1"), TextEncoding::Windows1252);
    EXPECT_EQ(textEncodingFromName(u"Windows-1252"), TextEncoding::Windows1252);
    EXPECT_EQ(textEncodingFromName(u"US-ASCII"), TextEncoding::Utf8);
    EXPECT_EQ(textEncodingFromName(u"Shift_JIS"), std::nullopt);
    EXPECT_EQ(textEncodingName(TextEncoding::Utf16LE), QStringLiteral("UTF-16LE"));
}
