#include "io/CsvReader.h"
#include "io/CsvWriter.h"
#include "io/VCardReader.h"
#include "io/VCardWriter.h"
#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QBuffer>

using namespace outpost;
using namespace outpost::test;

namespace {

const QList<QStringList>& nastyRecords()
{
    static const QList<QStringList> records{
        {u8s("name"), u8s("note"), u8s("extra")},
        {u8s("O'Neil, \"Jr\""), u8s("line one\nline two\nline three"), u8s("=HYPERLINK(\"http://evil\")")},
        {u8s(" padded "), u8s("tab\there; semi | pipe"), u8s("+49 170 1234567")},
        {u8s("😀 emoji 👩‍👩‍👧"), QString(), u8s("-5")},
        {u8s("\"\""), u8s("\"quoted\""), u8s("@user")},
        {u8s("sep=;"), u8s("Straße €"), u8s("a,b,c")},
        {QString(), QString(), QString()},
    };
    return records;
}

QByteArray writeAll(const QList<QStringList>& records, const CsvWriter::Options& options)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, options);
    for (const QStringList& record : records)
        EXPECT_TRUE(writer.writeRecord(record).ok());
    EXPECT_TRUE(writer.flush().ok());
    return buffer.data();
}

} // namespace

TEST(IoRoundTripTest, CsvWriterToReaderKeepsNastyValues)
{
    for (char16_t delimiter : {u',', u';', u'\t', u'|'}) {
        for (bool bom : {false, true}) {
            SCOPED_TRACE(int(delimiter));
            CsvWriter::Options out;
            out.delimiter = delimiter;
            out.writeBom = bom;
            out.protectFormulas = false;
            const QByteArray data = writeAll(nastyRecords(), out);
            CsvReader::Options in;
            in.chunkSize = 7;
            QChar sniffed;
            const QList<CsvRecord> records = readCsv(data, in, &sniffed);
            EXPECT_EQ(sniffed, QChar(delimiter));
            ASSERT_EQ(records.size(), nastyRecords().size());
            for (qsizetype i = 0; i < records.size(); ++i) {
                EXPECT_TRUE(records[i].isOk()) << records[i].message.toStdString();
                EXPECT_EQ(records[i].fields, nastyRecords()[i]);
            }
        }
    }
}

TEST(IoRoundTripTest, CsvFormulaProtectionRoundTripsWithStripping)
{
    const QByteArray data = writeAll(nastyRecords(), CsvWriter::Options());
    EXPECT_TRUE(data.contains("'=HYPERLINK"));
    CsvReader::Options in;
    in.stripFormulaProtection = true;
    const QList<CsvRecord> records = readCsv(data, in);
    ASSERT_EQ(records.size(), nastyRecords().size());
    for (qsizetype i = 0; i < records.size(); ++i)
        EXPECT_EQ(records[i].fields, nastyRecords()[i]);
}

TEST(IoRoundTripTest, VCardWriterToReaderKeepsNastyValues)
{
    VCard card;
    card.addProperty(VCardProperty::makeText(QStringLiteral("FN"), u8s("Dr. Ana \"Ani\" O'Neil, Jr.; 😀")));
    card.addProperty(VCardProperty::makeStructured(QStringLiteral("N"),
                                                   {u8s("O'Neil, Jr."), u8s("Ana"), {}, u8s("Dr."), {}}));
    VCardProperty mail =
        VCardProperty::makeText(QStringLiteral("EMAIL"), u8s("ana@example.com"), {u8s("work")});
    mail.setGroup(QStringLiteral("item1"));
    mail.addParam(QStringLiteral("PREF"), QStringLiteral("1"));
    card.addProperty(mail);
    VCardProperty label = VCardProperty::makeText(QStringLiteral("X-ABLabel"), u8s("Büro; Zentrale, 2. OG"));
    label.setGroup(QStringLiteral("item1"));
    card.addProperty(label);
    card.addProperty(
        VCardProperty::makeText(QStringLiteral("TEL"), u8s("+49 (30) 123-456"), {u8s("cell"), u8s("voice")}));
    card.addProperty(VCardProperty::makeStructured(QStringLiteral("ADR"),
                                                   {QString(), u8s("c/o Müller; 3rd floor"),
                                                    u8s("Königstraße 5, Hinterhaus"), u8s("Köln"), QString(),
                                                    u8s("50667"), u8s("Deutschland")},
                                                   {u8s("home")}));
    card.addProperty(
        VCardProperty::makeStructured(QStringLiteral("ORG"), {u8s("Müller & Söhne, GmbH"), u8s("R&D")}));
    QString note = u8s("Line one, with comma; semicolon \\ backslash\nLine two: ");
    for (int i = 0; i < 30; ++i)
        note += u8s("Grüße 😀 ");
    card.addProperty(VCardProperty::makeText(QStringLiteral("NOTE"), note));
    card.addProperty(
        VCardProperty::makeList(QStringLiteral("CATEGORIES"), {u8s("VIP"), u8s("Golf, Tennis")}));
    card.addProperty(VCardProperty(QStringLiteral("BDAY"), QStringLiteral("--0412")));
    card.addProperty(
        VCardProperty::makeText(QStringLiteral("UID"), u8s("urn:uuid:0b5f0f2c-1c7e-4e8f-9d7a-2e6b1a3c4d5e")));
    VCardProperty photo(QStringLiteral("PHOTO"), QString());
    photo.setData(QByteArray("\x89PNG\r\n\x1a\n\0\0binary", 16));
    photo.addParam(QStringLiteral("MEDIATYPE"), QStringLiteral("image/png"));
    card.addProperty(photo);

    const QByteArray data = VCardWriter::toVCard4(card) + VCardWriter::toVCard4(card);
    VCardReader::Options options;
    options.keepBinaryData = true;
    options.chunkSize = 5;
    const QList<VCard> back = readVCards(data, options);
    ASSERT_EQ(back.size(), 2);
    for (const VCard& r : back) {
        EXPECT_TRUE(r.isValid());
        EXPECT_TRUE(r.warnings().isEmpty());
        EXPECT_EQ(r.version(), u8s("4.0"));
        EXPECT_EQ(r.formattedName(), card.formattedName());
        EXPECT_EQ(r.name().family, u8s("O'Neil, Jr."));
        EXPECT_EQ(r.note(), note.trimmed()); // note() trims
        ASSERT_EQ(r.emails().size(), 1);
        EXPECT_EQ(r.emails()[0].preference, 1);
        EXPECT_EQ(r.emails()[0].types, QStringList{u8s("work")});
        EXPECT_EQ(r.emails()[0].label, u8s("Büro; Zentrale, 2. OG"));
        EXPECT_EQ(r.phones().value(0).types, QStringList({u8s("cell"), u8s("voice")}));
        const VCard::Address adr = r.addresses().value(0);
        EXPECT_EQ(adr.extended, u8s("c/o Müller; 3rd floor"));
        EXPECT_EQ(adr.street, u8s("Königstraße 5, Hinterhaus"));
        EXPECT_EQ(adr.country, u8s("Deutschland"));
        EXPECT_EQ(r.organization().name, u8s("Müller & Söhne, GmbH"));
        EXPECT_EQ(r.organization().units, QStringList{u8s("R&D")});
        EXPECT_EQ(r.categories(), QStringList({u8s("VIP"), u8s("Golf, Tennis")}));
        EXPECT_EQ(r.birthday(), (VCard::Date{0, 4, 12}));
        EXPECT_EQ(r.uid(), card.uid());
        EXPECT_EQ(r.photo().data, photo.data());
        EXPECT_EQ(r.photo().mediaType, u8s("image/png"));
    }
}

TEST(IoRoundTripTest, OldCardsSurviveAWriteAs40)
{
    const QByteArray android = lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller",
        "TEL;CELL;PREF:+49 170 1234567",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab, c; d",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Jupp\\;Jo;1;;;",
        "END:VCARD",
    });
    const QList<VCard> first = readVCards(android);
    ASSERT_EQ(first.size(), 1);
    const QList<VCard> second = readVCards(VCardWriter::toVCard4(first[0]));
    ASSERT_EQ(second.size(), 1);
    EXPECT_EQ(second[0].formattedName(), first[0].formattedName());
    EXPECT_EQ(second[0].name().given, u8s("Jürgen"));
    EXPECT_EQ(second[0].note(), u8s("a\nb, c; d"));
    EXPECT_EQ(second[0].phones().value(0).preference, 1);
    EXPECT_EQ(second[0].phones().value(0).types, QStringList{u8s("cell")});
    // Extension properties keep their structure.
    const VCardProperty* custom = second[0].property(QStringLiteral("X-ANDROID-CUSTOM"));
    ASSERT_NE(custom, nullptr);
    EXPECT_EQ(custom->components(), QStringList({u8s("vnd.android.cursor.item/nickname"), u8s("Jupp;Jo"),
                                                 u8s("1"), QString(), QString(), QString()}));
}
