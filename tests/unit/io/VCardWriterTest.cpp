#include "io/VCardWriter.h"

#include "io/EncodingDetector.h"
#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QBuffer>

using namespace outpost;
using namespace outpost::test;

namespace {

QList<QByteArray> physicalLines(const QByteArray& out)
{
    QList<QByteArray> result = out.split('\n');
    EXPECT_TRUE(result.back().isEmpty()); // ends with a line end
    result.removeLast();
    for (QByteArray& line : result) {
        EXPECT_TRUE(line.endsWith('\r')) << line.toStdString();
        line.chop(1);
    }
    return result;
}

} // namespace

TEST(VCardWriterTest, VersionFirstFnAlwaysAndCrlf)
{
    VCard card;
    card.addProperty(
        VCardProperty::makeStructured(QStringLiteral("N"), {u8s("Müller"), u8s("Jürgen"), {}, {}, {}}));
    card.addProperty(VCardProperty::makeText(QStringLiteral("EMAIL"), u8s("j@example.de"), {u8s("work")}));
    const QList<QByteArray> out = physicalLines(VCardWriter::toVCard4(card));
    ASSERT_EQ(out.size(), 6);
    EXPECT_EQ(out[0], "BEGIN:VCARD");
    EXPECT_EQ(out[1], "VERSION:4.0");
    EXPECT_EQ(out[2], QByteArray("FN:Jürgen Müller"));
    EXPECT_EQ(out[3], QByteArray("N:Müller;Jürgen;;;"));
    EXPECT_EQ(out[4], "EMAIL;TYPE=work:j@example.de");
    EXPECT_EQ(out[5], "END:VCARD");

    // Even an empty card gets an FN.
    const QList<QByteArray> empty = physicalLines(VCardWriter::toVCard4(VCard()));
    EXPECT_EQ(empty, QList<QByteArray>({"BEGIN:VCARD", "VERSION:4.0", "FN:", "END:VCARD"}));
}

TEST(VCardWriterTest, FoldsAt75OctetsWithoutSplittingUtf8)
{
    VCard card;
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), u8s("Zoë")));
    QString note;
    for (int i = 0; i < 40; ++i)
        note += u8s("é€😀a");
    card.addProperty(VCardProperty::makeText(QStringLiteral("NOTE"), note));
    const QByteArray out = VCardWriter::toVCard4(card);
    const QList<QByteArray> physical = physicalLines(out);
    int continuations = 0;
    for (const QByteArray& line : physical) {
        EXPECT_LE(line.size(), 75);
        EXPECT_EQ(EncodingDetector::checkUtf8(line, true), EncodingDetector::Utf8Verdict::Valid)
            << line.toStdString();
        if (line.startsWith(' '))
            ++continuations;
    }
    EXPECT_GE(continuations, 5); // 400 octets of text
    // Unfolding gives the line back.
    QByteArray unfolded = out;
    unfolded.replace("\r\n ", "");
    EXPECT_TRUE(unfolded.contains(QByteArray("NOTE:" + note.toUtf8() + "\r\n")));
}

TEST(VCardWriterTest, EscapesByValueKind)
{
    VCard card;
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), u8s("Doe, John")));
    card.addProperty(VCardProperty::makeText(QStringLiteral("NOTE"), u8s("a,b;c\\d\ne\r\nf")));
    card.addProperty(VCardProperty::makeStructured(
        QStringLiteral("ADR"),
        {QString(), u8s("Suite 5; 2nd"), u8s("Main St, 1"), u8s("Town"), QString(), u8s("123"), u8s("US")},
        {u8s("home")}));
    card.addProperty(VCardProperty::makeList(QStringLiteral("CATEGORIES"), {u8s("VIP"), u8s("Golf,Tennis")}));
    card.addProperty(VCardProperty::makeText(QStringLiteral("URL"), u8s("https://example.com/a,b")));
    const QList<QByteArray> out = physicalLines(VCardWriter::toVCard4(card));
    EXPECT_TRUE(out.contains("FN:Doe\\, John"));
    EXPECT_TRUE(out.contains("NOTE:a\\,b;c\\\\d\\ne\\nf"));
    EXPECT_TRUE(out.contains("ADR;TYPE=home:;Suite 5\\; 2nd;Main St\\, 1;Town;;123;US"));
    EXPECT_TRUE(out.contains("CATEGORIES:VIP,Golf\\,Tennis"));
    EXPECT_TRUE(out.contains("URL:https://example.com/a,b"));
}

TEST(VCardWriterTest, OlderCardsAreBroughtForwardTo40)
{
    const QList<VCard> read = readVCards(lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN;CHARSET=Windows-1252:Ren{E9}",
        "TEL;CELL;PREF:+49 170 1",
        "EMAIL;INTERNET;HOME:r@example.de",
        "BDAY:1975-03-21",
        "LABEL;HOME;ENCODING=QUOTED-PRINTABLE:Somewhere",
        "X-CUSTOM;X-PARAM=a:b:c",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Anna",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-01",
        "ADR;TYPE=work:;;a;b;c;d;e",
        "END:VCARD",
    }));
    ASSERT_EQ(read.size(), 2);
    const QList<QByteArray> out = physicalLines(VCardWriter::toVCard4(read[0]));
    EXPECT_EQ(out, QList<QByteArray>({"BEGIN:VCARD", "VERSION:4.0", QByteArray("FN:René"),
                                      "TEL;TYPE=cell;PREF=1:+49 170 1", "EMAIL;TYPE=home:r@example.de",
                                      "BDAY:19750321", "X-CUSTOM;X-PARAM=a:b:c", "END:VCARD"}));
    const QList<QByteArray> apple = physicalLines(VCardWriter::toVCard4(read[1]));
    EXPECT_TRUE(apple.contains("BDAY:--0401"));
    EXPECT_TRUE(apple.contains("ADR;TYPE=work:;;a;b;c;d;e"));
}

TEST(VCardWriterTest, ParameterValuesAreQuotedAndCaretEscaped)
{
    VCardProperty adr =
        VCardProperty::makeStructured(QStringLiteral("ADR"), {{}, {}, u8s("Main St 1"), u8s("Town")});
    adr.addParam(QStringLiteral("LABEL"), u8s("Main St 1\nTown \"Centre\"; ok"));
    VCard card;
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), u8s("A")));
    card.addProperty(adr);
    const QList<QByteArray> out = physicalLines(VCardWriter::toVCard4(card));
    EXPECT_TRUE(out.contains("ADR;LABEL=\"Main St 1^nTown ^'Centre^'; ok\":;;Main St 1;Town"))
        << out.join('\n').toStdString();
}

TEST(VCardWriterTest, WritesToADeviceAndReportsErrors)
{
    VCard card;
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), u8s("A")));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    VCardWriter writer(&buffer);
    ASSERT_TRUE(writer.write(card).ok());
    ASSERT_TRUE(writer.write(card).ok());
    EXPECT_EQ(buffer.data().count("BEGIN:VCARD"), 2);

    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    VCardWriter failing(&readOnly);
    const Status status = failing.write(card);
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(status.code(), ErrorCode::Io);
}
