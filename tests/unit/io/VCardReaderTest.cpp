#include "io/VCardReader.h"

#include "IoTestSupport.h"

#include <gtest/gtest.h>
#include <QBuffer>
#include <QStringEncoder>

using namespace outpost;
using namespace outpost::test;

namespace {

// An Android contacts export (vCard 2.1): quoted-printable UTF-8 with soft line breaks, one of which splits
// the two bytes of "ä"; bare TYPE params.
QByteArray androidCard()
{
    return lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;Dr.;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dr. J=C3=BCrgen M=C3=BCller",
        "TEL;CELL;PREF:+49 170 1234567",
        "TEL;HOME:030 1234567",
        "TEL;WORK;FAX:030 7654321",
        "EMAIL;HOME:juergen@example.de",
        "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Hauptstra=C3=9Fe "
        "5;M=C3=BCnchen;Bayern;80331;Deutsc=",
        "hland",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller & S=C3=B6hne GmbH",
        "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gesch=C3=A4ftsf=C3=BChrer",
        "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Erste Zeile=0D=0AZweite Zeile: Gr=C3=BC=C3=9Fe aus K=",
        "=C3=B6ln, der Text geht weiter und das =C3=",
        "=A4 ist geteilt =E2=82=AC",
        "BDAY:1975-03-21",
        "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Jupp;1;;;;;;;;;;;;;",
        "END:VCARD",
    });
}

QByteArray applePhotoBytes()
{
    QByteArray jpeg("\xFF\xD8\xFF\xE0");
    for (int i = 0; i < 700; ++i)
        jpeg.append(static_cast<char>((i * 37) & 0xFF));
    return jpeg;
}

// macOS/iOS Contacts (vCard 3.0): item groups with X-ABLabel, TYPE lists as repeated params, a JPEG photo
// as base64 folded over many lines, a birthday without a year.
QByteArray appleCard()
{
    const QByteArray base64 = applePhotoBytes().toBase64();
    QByteArray photo = "PHOTO;ENCODING=b;TYPE=JPEG:";
    qsizetype pos = 0;
    qsizetype room = 75 - photo.size();
    while (pos < base64.size()) {
        photo += base64.mid(pos, room) + "\r\n ";
        pos += room;
        room = 74;
    }
    photo.chop(3);
    QByteArray card = lines({
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//macOS 13.4//EN",
        "N:Appleseed;Johnny;;;",
        "FN:Johnny Appleseed",
        "ORG:Apple Inc.;Engineering;Frameworks",
        "TITLE:Senior Engineer",
        "item1.EMAIL;type=INTERNET;type=WORK;type=pref:johnny@example.com",
        "item1.X-ABLabel:Studio",
        "EMAIL;type=INTERNET;type=HOME:j.appleseed@example.net",
        "TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0100",
        "item2.TEL:+1 408 555 0199",
        "item2.X-ABLabel:_$!<Other>!$_",
        "item3.ADR;type=HOME;type=pref:;;1 Infinite Loop;Cupertino;CA;95014;United States",
        "item3.X-ABADR:us",
        "item4.URL;type=pref:https://example.com/johnny",
        "item4.X-ABLabel:_$!<HomePage>!$_",
        "BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-04-01",
        "NOTE:Likes apples\\, pears and plums.\\nSecond line.",
    });
    card += photo + "\r\n";
    card += lines({
        "CATEGORIES:Friends,Orchard",
        "X-ABUID:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson",
        "END:VCARD",
    });
    return card;
}

// Outlook (vCard 2.1) in Windows-1252: raw ANSI bytes with and without CHARSET, quoted-printable ANSI.
QByteArray outlookCard()
{
    return lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;LANGUAGE=de;CHARSET=Windows-1252:Gr{F6}{DF}er;Ren{E9}",
        "FN;CHARSET=Windows-1252:Ren{E9} Gr{F6}{DF}er",
        "ORG:M{FC}ller & S{F6}hne GmbH;Vertrieb",
        "TITLE:Verkaufsleiter",
        "TEL;WORK;VOICE:+49 89 123456",
        "TEL;CELL;VOICE:+49 171 9876543",
        "ADR;WORK;PREF:;;Leopoldstra{DF}e 12;M{FC}nchen;;80802;Deutschland",
        "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:Leopoldstra=DFe 12=0D=0A=",
        "M=FCnchen 80802=0D=0ADeutschland",
        "EMAIL;PREF;INTERNET:rene.groesser@example.de",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Preis: 100 =80 =96 Rabatt =84verhandelbar=93",
        "X-MS-OL-DEFAULT-POSTAL-ADDRESS:2",
        "REV:20240115T093000Z",
        "END:VCARD",
    });
}

// A Google Contacts export (vCard 3.0): several cards, blank lines, escaped ':' in URLs.
QByteArray googleExport()
{
    return lines({
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Anna Schmidt",
        "N:Schmidt;Anna;;;",
        "EMAIL;TYPE=INTERNET;TYPE=HOME:anna.schmidt@example.com",
        "EMAIL;TYPE=INTERNET:anna@work.example",
        "TEL;TYPE=CELL:+49 151 2345678",
        "ADR;TYPE=HOME:;;Bahnhofstraße 1;Hamburg;;20095;Germany",
        "ORG:Nordlicht GmbH",
        "TITLE:Buchhaltung",
        "BDAY:--04-12",
        "item1.URL:http\\://www.example.com",
        "item1.X-ABLabel:",
        "NOTE:Rückruf erbeten\\nVorwahl beachten",
        "CATEGORIES:myContacts,Kunden",
        "END:VCARD",
        "",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Bob Li",
        "N:Li;Bob;;;",
        "TEL;TYPE=WORK:+1 555 0100",
        "CATEGORIES:myContacts",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Carla Ruiz",
        "N:Ruiz;Carla;;;",
        "EMAIL;TYPE=INTERNET;TYPE=WORK:carla@example.org",
        "BDAY:1990-07-30",
        "END:VCARD",
        "",
    });
}

// vCard 4.0 (RFC 6350 style): PREF=n, quoted TYPE lists, tel: URIs, a data: URI photo, RFC 6868 ^-escapes.
QByteArray card40()
{
    return lines({
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Dr. Ana María O'Neil",
        "N:O'Neil;Ana;María,José;Dr.;PhD",
        "GENDER:F",
        "TEL;VALUE=uri;PREF=1;TYPE=\"voice,home\":tel:+1-555-555-5555;ext=5555",
        "TEL;VALUE=uri;TYPE=cell:tel:+33-01-23-45-67",
        "EMAIL;TYPE=work;PREF=2:ana@example.com",
        "EMAIL;TYPE=home;PREF=1:ana.home@example.com",
        "ADR;TYPE=work;LABEL=\"Main St 1^nTownsville 12345^nUSA\":;;Main St 1;Townsville;;12345;USA",
        "ORG:Example Corp.;R&D",
        "BDAY:--0412",
        "ANNIVERSARY:19960415",
        "PHOTO:data:image/png;base64,iVBORw0KGgo=",
        "CATEGORIES:VIP,Golf\\,Tennis",
        "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
        "END:VCARD",
    });
}

QList<QStringList> typesOf(const QList<VCard::Phone>& phones)
{
    QList<QStringList> result;
    for (const VCard::Phone& p : phones)
        result.append(p.types);
    return result;
}

} // namespace

TEST(VCardReaderTest, Android21QuotedPrintableWithSoftLineBreaks)
{
    const QList<VCard> cards = readVCards(androidCard());
    ASSERT_EQ(cards.size(), 1);
    const VCard& card = cards[0];
    EXPECT_TRUE(card.isValid()) << card.errorMessage().toStdString();
    EXPECT_TRUE(card.warnings().isEmpty());
    EXPECT_EQ(card.version(), QStringLiteral("2.1"));
    EXPECT_EQ(card.formattedName(), u8s("Dr. Jürgen Müller"));
    EXPECT_EQ(card.name().family, u8s("Müller"));
    EXPECT_EQ(card.name().given, u8s("Jürgen"));
    EXPECT_EQ(card.name().prefix, u8s("Dr."));
    EXPECT_EQ(card.note(),
              u8s("Erste Zeile\nZweite Zeile: Grüße aus Köln, der Text geht weiter und das ä ist geteilt €"));
    EXPECT_EQ(card.title(), u8s("Geschäftsführer"));
    EXPECT_EQ(card.organization().name, u8s("Müller & Söhne GmbH"));

    const QList<VCard::Phone> phones = card.phones();
    ASSERT_EQ(phones.size(), 3);
    EXPECT_EQ(phones[0].number, u8s("+49 170 1234567"));
    EXPECT_EQ(phones[0].preference, 1);
    EXPECT_EQ(typesOf(phones), QList<QStringList>({{u8s("cell")}, {u8s("home")}, {u8s("work"), u8s("fax")}}));
    EXPECT_EQ(phones[1].preference, 0);

    const QList<VCard::Address> addresses = card.addresses();
    ASSERT_EQ(addresses.size(), 1);
    EXPECT_EQ(addresses[0].street, u8s("Hauptstraße 5"));
    EXPECT_EQ(addresses[0].locality, u8s("München"));
    EXPECT_EQ(addresses[0].region, u8s("Bayern"));
    EXPECT_EQ(addresses[0].postalCode, u8s("80331"));
    EXPECT_EQ(addresses[0].country, u8s("Deutschland"));
    EXPECT_EQ(addresses[0].types, QStringList{u8s("home")});

    ASSERT_EQ(card.emails().size(), 1);
    EXPECT_EQ(card.emails()[0].types, QStringList{u8s("home")});
    EXPECT_EQ(card.birthday(), (VCard::Date{1975, 3, 21}));
    const VCardProperty* custom = card.property(QStringLiteral("X-ANDROID-CUSTOM"));
    ASSERT_NE(custom, nullptr);
    EXPECT_EQ(custom->components().value(1), u8s("Jupp"));
    EXPECT_EQ(card.firstLine(), 1);
    EXPECT_EQ(card.lastLine(), 18);
}

TEST(VCardReaderTest, TinyChunksReadTheSameAsLargeOnes)
{
    const QByteArray data = androidCard() + appleCard();
    const QList<VCard> reference = readVCards(data);
    ASSERT_EQ(reference.size(), 2);
    for (int chunk = 1; chunk <= 7; ++chunk) {
        SCOPED_TRACE(chunk);
        VCardReader::Options options;
        options.chunkSize = chunk;
        const QList<VCard> cards = readVCards(data, options);
        ASSERT_EQ(cards.size(), 2);
        for (int i = 0; i < 2; ++i) {
            EXPECT_EQ(cards[i].note(), reference[i].note());
            EXPECT_EQ(cards[i].formattedName(), reference[i].formattedName());
            EXPECT_EQ(cards[i].properties().size(), reference[i].properties().size());
            EXPECT_EQ(cards[i].lastLine(), reference[i].lastLine());
        }
    }
}

TEST(VCardReaderTest, AppleContacts30WithGroupsLabelsAndFoldedPhoto)
{
    const QList<VCard> cards = readVCards(appleCard());
    ASSERT_EQ(cards.size(), 1);
    const VCard& card = cards[0];
    EXPECT_TRUE(card.isValid());
    EXPECT_TRUE(card.warnings().isEmpty()) << card.warnings().join(u'\n').toStdString();
    EXPECT_EQ(card.formattedName(), u8s("Johnny Appleseed"));
    EXPECT_EQ(card.organization().name, u8s("Apple Inc."));
    EXPECT_EQ(card.organization().units, QStringList({u8s("Engineering"), u8s("Frameworks")}));

    const QList<VCard::Email> emails = card.emails();
    ASSERT_EQ(emails.size(), 2);
    EXPECT_EQ(emails[0].address, u8s("johnny@example.com"));
    EXPECT_EQ(emails[0].types, QStringList{u8s("work")});
    EXPECT_EQ(emails[0].preference, 1);
    EXPECT_EQ(emails[0].label, u8s("Studio"));
    EXPECT_EQ(emails[1].types, QStringList{u8s("home")});
    EXPECT_EQ(emails[1].label, QString());

    const QList<VCard::Phone> phones = card.phones();
    ASSERT_EQ(phones.size(), 2);
    EXPECT_EQ(phones[0].types, QStringList({u8s("cell"), u8s("voice")}));
    EXPECT_EQ(phones[1].label, u8s("Other"));

    const QList<VCard::Address> addresses = card.addresses();
    ASSERT_EQ(addresses.size(), 1);
    EXPECT_EQ(addresses[0].street, u8s("1 Infinite Loop"));
    EXPECT_EQ(addresses[0].country, u8s("United States"));
    EXPECT_EQ(addresses[0].preference, 1);
    EXPECT_EQ(addresses[0].types, QStringList{u8s("home")});

    const VCardProperty* url = card.property(QStringLiteral("URL"));
    ASSERT_NE(url, nullptr);
    EXPECT_EQ(url->group(), u8s("item4"));
    EXPECT_EQ(card.labelFor(*url), u8s("HomePage"));
    EXPECT_EQ(url->text(), u8s("https://example.com/johnny"));

    EXPECT_EQ(card.birthday(), (VCard::Date{0, 4, 1})); // X-APPLE-OMIT-YEAR
    EXPECT_EQ(card.note(), u8s("Likes apples, pears and plums.\nSecond line."));
    EXPECT_EQ(card.categories(), QStringList({u8s("Friends"), u8s("Orchard")}));

    // The photo is skipped by default, but the property says there was one.
    const VCardProperty* photo = card.property(QStringLiteral("PHOTO"));
    ASSERT_NE(photo, nullptr);
    EXPECT_TRUE(photo->data().isEmpty());
    EXPECT_EQ(card.photo().mediaType, u8s("image/jpeg"));
    EXPECT_EQ(card.property(QStringLiteral("X-ABUID"))->text(),
              u8s("5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE:ABPerson"));
}

TEST(VCardReaderTest, PhotoBytesAreKeptWhenAskedFor)
{
    VCardReader::Options options;
    options.keepBinaryData = true;
    const QList<VCard> cards = readVCards(appleCard() + card40(), options);
    ASSERT_EQ(cards.size(), 2);
    EXPECT_EQ(cards[0].photo().data, applePhotoBytes());
    EXPECT_EQ(cards[0].photo().mediaType, u8s("image/jpeg"));
    EXPECT_EQ(cards[1].photo().data, QByteArray::fromBase64("iVBORw0KGgo="));
    EXPECT_EQ(cards[1].photo().mediaType, u8s("image/png"));

    const QList<VCard> url = readVCards(lines(
        {"BEGIN:VCARD", "VERSION:2.1", "PHOTO;VALUE=URL;TYPE=GIF:http://example.com/me.gif", "END:VCARD"}));
    ASSERT_EQ(url.size(), 1);
    EXPECT_EQ(url[0].photo().url, u8s("http://example.com/me.gif"));
    EXPECT_EQ(url[0].photo().mediaType, u8s("image/gif"));
}

TEST(VCardReaderTest, Unindented21Base64PhotoEndsAtTheBlankLine)
{
    // Older phones write 2.1 base64 without indenting the continuation lines, and end it with a blank line.
    const QByteArray base64 = applePhotoBytes().toBase64();
    QByteArray data = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old Phone\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:";
    for (qsizetype pos = 0; pos < base64.size(); pos += 76)
        data += base64.mid(pos, 76) + "\r\n";
    data += "\r\nTEL;CELL:+49 170 1\r\nEND:VCARD\r\n";
    for (bool keep : {false, true}) {
        VCardReader::Options options;
        options.keepBinaryData = keep;
        const QList<VCard> cards = readVCards(data, options);
        ASSERT_EQ(cards.size(), 1);
        EXPECT_TRUE(cards[0].warnings().isEmpty()) << cards[0].warnings().join(u'\n').toStdString();
        EXPECT_EQ(cards[0].photo().data, keep ? applePhotoBytes() : QByteArray());
        EXPECT_EQ(cards[0].phones().value(0).number, u8s("+49 170 1"));
    }
}

TEST(VCardReaderTest, Outlook21InWindows1252)
{
    const QList<VCard> cards = readVCards(outlookCard());
    ASSERT_EQ(cards.size(), 1);
    const VCard& card = cards[0];
    EXPECT_TRUE(card.isValid());
    EXPECT_EQ(card.formattedName(), u8s("René Größer"));
    EXPECT_EQ(card.name().family, u8s("Größer"));
    EXPECT_EQ(card.name().given, u8s("René"));
    EXPECT_EQ(card.organization().name, u8s("Müller & Söhne GmbH")); // no CHARSET: ANSI recognised
    EXPECT_EQ(card.organization().units, QStringList{u8s("Vertrieb")});
    EXPECT_EQ(card.note(), u8s("Preis: 100 € – Rabatt „verhandelbar“"));
    ASSERT_EQ(card.addresses().size(), 1);
    EXPECT_EQ(card.addresses()[0].street, u8s("Leopoldstraße 12"));
    EXPECT_EQ(card.addresses()[0].locality, u8s("München"));
    EXPECT_EQ(card.addresses()[0].types, QStringList{u8s("work")});
    EXPECT_EQ(card.addresses()[0].preference, 1);
    const VCardProperty* label = card.property(QStringLiteral("LABEL"));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->text(), u8s("Leopoldstraße 12\nMünchen 80802\nDeutschland"));
    ASSERT_EQ(card.emails().size(), 1);
    EXPECT_EQ(card.emails()[0].types, QStringList());
    EXPECT_EQ(card.emails()[0].preference, 1);
    EXPECT_EQ(typesOf(card.phones()),
              QList<QStringList>({{u8s("work"), u8s("voice")}, {u8s("cell"), u8s("voice")}}));
    EXPECT_EQ(card.name().family, card.property(QStringLiteral("N"))->components().front());
    EXPECT_EQ(card.property(QStringLiteral("N"))->param(QStringLiteral("LANGUAGE")), u8s("de"));
}

TEST(VCardReaderTest, GoogleContacts30ExportWithSeveralCards)
{
    const QList<VCard> cards = readVCards(googleExport());
    ASSERT_EQ(cards.size(), 3);
    EXPECT_EQ(cards[0].formattedName(), u8s("Anna Schmidt"));
    EXPECT_EQ(cards[1].formattedName(), u8s("Bob Li"));
    EXPECT_EQ(cards[2].formattedName(), u8s("Carla Ruiz"));
    for (const VCard& card : cards)
        EXPECT_TRUE(card.isValid() && card.warnings().isEmpty());

    const VCard& anna = cards[0];
    ASSERT_EQ(anna.emails().size(), 2);
    EXPECT_EQ(anna.emails()[0].types, QStringList{u8s("home")});
    EXPECT_EQ(anna.emails()[1].types, QStringList());
    EXPECT_EQ(anna.addresses().value(0).street, u8s("Bahnhofstraße 1"));
    EXPECT_EQ(anna.birthday(), (VCard::Date{0, 4, 12}));
    EXPECT_EQ(anna.property(QStringLiteral("URL"))->text(), u8s("http://www.example.com"));
    EXPECT_EQ(anna.note(), u8s("Rückruf erbeten\nVorwahl beachten"));
    EXPECT_EQ(anna.categories(), QStringList({u8s("myContacts"), u8s("Kunden")}));
    EXPECT_EQ(cards[2].birthday().toDate(), QDate(1990, 7, 30));
    EXPECT_EQ(cards[1].firstLine(), 18);
    EXPECT_EQ(cards[1].lastLine(), 24);
    EXPECT_EQ(cards[2].firstLine(), 25);
}

TEST(VCardReaderTest, VCard40WithPrefAndQuotedTypeLists)
{
    const QList<VCard> cards = readVCards(card40());
    ASSERT_EQ(cards.size(), 1);
    const VCard& card = cards[0];
    EXPECT_EQ(card.version(), u8s("4.0"));
    EXPECT_EQ(card.name().additional, u8s("María José"));
    EXPECT_EQ(card.name().suffix, u8s("PhD"));

    const QList<VCard::Phone> phones = card.phones();
    ASSERT_EQ(phones.size(), 2);
    EXPECT_EQ(phones[0].number, u8s("+1-555-555-5555;ext=5555"));
    EXPECT_EQ(phones[0].types, QStringList({u8s("voice"), u8s("home")}));
    EXPECT_EQ(phones[0].preference, 1);
    EXPECT_EQ(phones[1].number, u8s("+33-01-23-45-67"));
    EXPECT_EQ(phones[1].preference, 0);

    const QList<VCard::Email> emails = card.emails();
    ASSERT_EQ(emails.size(), 2);
    EXPECT_EQ(emails[0].preference, 2);
    EXPECT_EQ(emails[1].preference, 1);

    const VCardProperty* adr = card.property(QStringLiteral("ADR"));
    ASSERT_NE(adr, nullptr);
    EXPECT_EQ(adr->param(QStringLiteral("LABEL")), u8s("Main St 1\nTownsville 12345\nUSA"));
    EXPECT_EQ(card.addresses().value(0).locality, u8s("Townsville"));
    EXPECT_EQ(card.organization().units, QStringList{u8s("R&D")});
    EXPECT_EQ(card.birthday(), (VCard::Date{0, 4, 12}));
    EXPECT_EQ(VCard::Date::parse(card.property(QStringLiteral("ANNIVERSARY"))->text()),
              (VCard::Date{1996, 4, 15}));
    EXPECT_EQ(card.categories(), QStringList({u8s("VIP"), u8s("Golf,Tennis")}));
    EXPECT_EQ(card.uid(), u8s("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
    EXPECT_TRUE(card.photo().data.isEmpty()); // not kept by default
}

TEST(VCardReaderTest, TypeParamsInEveryStyleGiveTheSameTypes)
{
    const QList<VCard> cards = readVCards(lines({
        "BEGIN:VCARD",
        "VERSION:3.0",
        "TEL;TYPE=work,voice:1",
        "TEL;TYPE=WORK;TYPE=VOICE:2",
        "TEL;WORK;VOICE:3",
        "tel;type=\"work,voice\":4",
        "END:VCARD",
    }));
    ASSERT_EQ(cards.size(), 1);
    const QList<VCardProperty> tels = cards[0].properties(QStringLiteral("TEL"));
    ASSERT_EQ(tels.size(), 4);
    for (const VCardProperty& tel : tels) {
        EXPECT_EQ(tel.name(), u8s("TEL"));
        EXPECT_EQ(tel.types(), QStringList({u8s("work"), u8s("voice")})) << tel.rawValue().toStdString();
    }
}

TEST(VCardReaderTest, UnfoldingFollowsTheVersion)
{
    const QList<VCard> cards = readVCards(lines(
        {
            "BEGIN:VCARD",
            "VERSION:3.0",
            "NOTE:This is a lo",
            " ng note, fol",
            "\tded twice",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "NOTE:Folded at",
            " a space",
            "END:VCARD",
        },
        "\n"));
    ASSERT_EQ(cards.size(), 2);
    EXPECT_EQ(cards[0].note(), u8s("This is a long note, folded twice"));
    EXPECT_EQ(cards[1].note(), u8s("Folded at a space")); // 2.1 keeps the whitespace
}

TEST(VCardReaderTest, EscapesAndStructuredValues)
{
    const QList<VCard> cards = readVCards(lines({
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Doe\\, Jr.;John;;;",
        "FN:John Doe\\, Jr.",
        "ADR;TYPE=work:;Suite 5\\; 2nd floor;12 Main St\\, Rear;Springfield;;01101;USA",
        "NOTE:path C:\\\\temp\\\\x\\nsecond\\, line; with semicolon",
        "END:VCARD",
    }));
    ASSERT_EQ(cards.size(), 1);
    const VCard& card = cards[0];
    EXPECT_EQ(card.name().family, u8s("Doe, Jr."));
    EXPECT_EQ(card.formattedName(), u8s("John Doe, Jr."));
    const VCard::Address adr = card.addresses().value(0);
    EXPECT_EQ(adr.extended, u8s("Suite 5; 2nd floor"));
    EXPECT_EQ(adr.street, u8s("12 Main St, Rear"));
    EXPECT_EQ(adr.locality, u8s("Springfield"));
    EXPECT_EQ(card.note(), u8s("path C:\\temp\\x\nsecond, line; with semicolon"));
}

TEST(VCardReaderTest, BrokenCardsAreReportedAndReadingGoesOn)
{
    const QByteArray data = lines({
        "BEGIN:VCARD",          // 1
        "VERSION:3.0",          // 2
        "FN:Good One",          // 3
        "END:VCARD",            // 4
        "BEGIN:VCARD",          // 5
        "VERSION:3.0",          // 6
        "FN:No End",            // 7
        "BEGIN:VCARD",          // 8
        "VERSION:3.0",          // 9
        "FN:After Broken",      // 10
        "this line is garbage", // 11
        "EMAIL:x@example.com",  // 12
        "END:VCARD",            // 13
        "BEGIN:VCARD",          // 14
        "FN:Cut off",           // 15
    });
    const QList<VCard> cards = readVCards(data);
    ASSERT_EQ(cards.size(), 4);
    EXPECT_TRUE(cards[0].isValid());
    EXPECT_EQ(cards[0].formattedName(), u8s("Good One"));

    EXPECT_FALSE(cards[1].isValid());
    EXPECT_TRUE(cards[1].errorMessage().startsWith(u8s("Line 5: "))) << cards[1].errorMessage().toStdString();
    EXPECT_EQ(cards[1].formattedName(), u8s("No End"));
    EXPECT_EQ(cards[1].firstLine(), 5);
    EXPECT_EQ(cards[1].lastLine(), 7);

    EXPECT_TRUE(cards[2].isValid());
    EXPECT_EQ(cards[2].formattedName(), u8s("After Broken"));
    EXPECT_EQ(cards[2].emails().value(0).address, u8s("x@example.com"));
    ASSERT_EQ(cards[2].warnings().size(), 1);
    EXPECT_TRUE(cards[2].warnings()[0].startsWith(u8s("Line 11: a line of the vCard that starts on line 8")))
        << cards[2].warnings()[0].toStdString();

    EXPECT_FALSE(cards[3].isValid());
    EXPECT_TRUE(cards[3].errorMessage().startsWith(u8s("Line 14: ")));
    EXPECT_EQ(cards[3].formattedName(), u8s("Cut off"));
}

TEST(VCardReaderTest, TextOutsideCardsIsReportedOnce)
{
    const QList<VCard> cards = readVCards(
        lines({"Hello there", "not a vcard", "", "BEGIN:VCARD", "FN:A", "END:VCARD", "END:VCARD"}));
    ASSERT_EQ(cards.size(), 3);
    EXPECT_FALSE(cards[0].isValid());
    EXPECT_TRUE(cards[0].errorMessage().startsWith(u8s("Line 1: text outside of any vCard")));
    EXPECT_TRUE(cards[0].properties().isEmpty());
    EXPECT_TRUE(cards[1].isValid());
    EXPECT_FALSE(cards[2].isValid());
    EXPECT_TRUE(cards[2].errorMessage().startsWith(u8s("Line 7: ")));
}

TEST(VCardReaderTest, EmbeddedAgentCardIsSkipped)
{
    const QList<VCard> cards = readVCards(lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Boss",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Assistant",
        "END:VCARD",
        "TEL:123",
        "END:VCARD",
    }));
    ASSERT_EQ(cards.size(), 1);
    EXPECT_TRUE(cards[0].isValid());
    EXPECT_EQ(cards[0].formattedName(), u8s("Boss"));
    EXPECT_EQ(cards[0].phones().value(0).number, u8s("123"));
}

TEST(VCardReaderTest, BomsAndUtf16Files)
{
    const QString text = QString::fromUtf8(googleExport());
    QStringEncoder encoder(QStringConverter::Utf16LE);
    const QByteArray utf16 = bytes("{FF}{FE}") + QByteArray(encoder.encode(text));
    const QByteArray utf8Bom = bytes("{EF}{BB}{BF}") + googleExport();
    for (const QByteArray& data : {utf16, utf8Bom}) {
        for (int chunk : {3, 64 * 1024}) {
            VCardReader::Options options;
            options.chunkSize = chunk;
            const QList<VCard> cards = readVCards(data, options);
            ASSERT_EQ(cards.size(), 3);
            EXPECT_TRUE(cards[0].isValid());
            EXPECT_EQ(cards[0].addresses().value(0).street, u8s("Bahnhofstraße 1"));
            EXPECT_EQ(cards[0].note(), u8s("Rückruf erbeten\nVorwahl beachten"));
        }
    }
}

TEST(VCardReaderTest, OtherCharsetsThroughIcu)
{
    // "山田" in Shift_JIS, quoted-printable.
    const QList<VCard> cards = readVCards(lines({
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63",
        "END:VCARD",
    }));
    ASSERT_EQ(cards.size(), 1);
    EXPECT_EQ(cards[0].formattedName(), u8s("山田"));
}

TEST(VCardReaderTest, BirthdayForms)
{
    using D = VCard::Date;
    EXPECT_EQ(D::parse(u"1985-04-12"), (D{1985, 4, 12}));
    EXPECT_EQ(D::parse(u"19850412"), (D{1985, 4, 12}));
    EXPECT_EQ(D::parse(u"1985-04-12T00:00:00Z"), (D{1985, 4, 12}));
    EXPECT_EQ(D::parse(u"19850412T000000"), (D{1985, 4, 12}));
    EXPECT_EQ(D::parse(u"--0412"), (D{0, 4, 12}));
    EXPECT_EQ(D::parse(u"--04-12"), (D{0, 4, 12}));
    EXPECT_FALSE(D::parse(u"1985-02-30").isValid());
    EXPECT_FALSE(D::parse(u"circa 1800").isValid());
    EXPECT_EQ(D::parse(u"1985-04-12").toDate(), QDate(1985, 4, 12));
    EXPECT_FALSE(D::parse(u"--0412").toDate().isValid());
}
