#include "importexport/ContactImporter.h"

#include "ImportTestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QStringEncoder>

using namespace outpost;
using namespace outpost::test;

namespace {

class ContactImporterTest : public ImportFixture
{
};

TEST_F(ContactImporterTest, QuotedEscapedAndMultiLineCsvFields)
{
    const QString path = writeFile(QStringLiteral("c.csv"),
                                   "First Name,Last Name,E-mail Address,Company,Notes\r\n"
                                   "Anna,\"O'Neil, Jr.\",anna@example.com,\"Acme \"\"Rockets\"\"\",\"line one\r\nline two\"\r\n"
                                   "Bo,Berg,bo@example.com,,plain\r\n");
    auto r = import(path);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 2);
    EXPECT_EQ(r->rejected, 0);
    auto anna = byEmail(QStringLiteral("anna@example.com"));
    ASSERT_TRUE(anna);
    EXPECT_EQ(anna->lastName, QStringLiteral("O'Neil, Jr."));
    EXPECT_EQ(anna->company, QStringLiteral("Acme \"Rockets\""));
    EXPECT_EQ(anna->notes, QStringLiteral("line one\nline two"));
    EXPECT_FALSE(r->batchId.isEmpty());
    // The new contacts went as one chunk (contact.createMany): one outbox entry, one audit entry per row.
    EXPECT_EQ(count(QStringLiteral("outbox")), 1);
    EXPECT_EQ(count(QStringLiteral("audit_log")), 2);
    EXPECT_EQ(count(QStringLiteral("import_items")), 2);
    // The chunk's text in the outbox is written from each row's text (not by serialising the arguments): it is
    // the JSON QJsonDocument writes, quotes and line breaks escaped, and its rows are the ones the import records.
    QSqlQuery q(t.db->connection());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT args FROM outbox")) && q.next());
    const QByteArray args = q.value(0).toString().toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(args);
    EXPECT_EQ(doc.toJson(QJsonDocument::Compact), args);
    const QJsonArray members = doc.object().value(QStringLiteral("contacts")).toArray();
    ASSERT_EQ(members.size(), 2);
    const QJsonObject annaFields = members.at(0).toObject().value(QStringLiteral("fields")).toObject();
    EXPECT_EQ(annaFields.value(QStringLiteral("company")).toString(), QStringLiteral("Acme \"Rockets\""));
    EXPECT_EQ(annaFields.value(QStringLiteral("notes")).toString(), QStringLiteral("line one\nline two"));
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT contact_id, after FROM import_items ORDER BY seq")));
    for (const QJsonValue& member : members) {
        ASSERT_TRUE(q.next());
        EXPECT_EQ(q.value(0).toString(), member.toObject().value(QStringLiteral("id")).toString());
        EXPECT_EQ(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object(),
                  member.toObject().value(QStringLiteral("fields")).toObject());
    }
}

struct EncodingCase
{
    const char* name;
    QStringConverter::Encoding encoding;
    bool bom;
    char delimiter;
};

class ImportEncodingTest : public ImportFixture, public ::testing::WithParamInterface<EncodingCase>
{
};

TEST_P(ImportEncodingTest, EveryEncodingAndDelimiter)
{
    const EncodingCase c = GetParam();
    const QString d(QLatin1Char(c.delimiter));
    const QString text = QStringLiteral("Vorname%1Nachname%1E-Mail%1Ort\r\nJürgen%1Müller%1jm@example.de%1Köln\r\n"
                                        "Zoë%1Ørsted%1zo@example.dk%1Århus\r\n")
                             .arg(d);
    QByteArray bytes;
    if (c.encoding == QStringConverter::Latin1) {
        bytes = text.toLatin1();
    } else {
        QStringEncoder enc(c.encoding, c.bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
        bytes = enc.encode(text);
    }
    auto r = import(writeFile(QStringLiteral("e.csv"), bytes));
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 2) << c.name;
    EXPECT_EQ(r->delimiter, QLatin1Char(c.delimiter));
    auto j = byEmail(QStringLiteral("jm@example.de"));
    ASSERT_TRUE(j) << c.name;
    EXPECT_EQ(j->firstName, QStringLiteral("Jürgen"));
    EXPECT_EQ(j->lastName, QStringLiteral("Müller"));
    EXPECT_EQ(j->city, QStringLiteral("Köln"));
    auto z = byEmail(QStringLiteral("zo@example.dk"));
    ASSERT_TRUE(z);
    EXPECT_EQ(z->lastName, QStringLiteral("Ørsted"));
}

INSTANTIATE_TEST_SUITE_P(Encodings, ImportEncodingTest,
                         ::testing::Values(EncodingCase{"utf8", QStringConverter::Utf8, false, ','},
                                           EncodingCase{"utf8bom", QStringConverter::Utf8, true, ';'},
                                           EncodingCase{"utf16le", QStringConverter::Utf16LE, true, '\t'},
                                           EncodingCase{"utf16be", QStringConverter::Utf16BE, true, ','},
                                           EncodingCase{"latin1", QStringConverter::Latin1, false, ';'},
                                           EncodingCase{"latin1tab", QStringConverter::Latin1, false, '\t'}));

TEST_F(ContactImporterTest, BadLinesAreReportedByNumberAndTheGoodOnesImported)
{
    const QString path = writeFile(QStringLiteral("bad.csv"),
                                   "First Name,Last Name,Email,Phone,Country\n"      // 1
                                   "Ada,Lovelace,ada@example.org,+44 20 7946 0000,UK\n" // 2
                                   "Bad,Mail,not-an-address,,\n"                      // 3
                                   "\"Multi\nLine\",Person,ml@example.org,,DE\n"      // 4-5
                                   ",,,,\n"                                           // 6
                                   "Too,Many,x@example.org,1,DE,extra\n"              // 7
                                   "Phone,Bad,pb@example.org,call me maybe,\n"        // 8
                                   "Carl,Gauss,carl@example.org,,Deutschland\n"       // 9
                                   "Dora,Land,dora@example.org,,Atlantis\n");         // 10
    ContactImporter::Options o;
    o.errorFilePath = t.dir.filePath(QStringLiteral("errors.csv"));
    auto r = import(path, o);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 4);
    EXPECT_EQ(r->rejected, 4);
    ASSERT_EQ(r->rejections.size(), 4);
    EXPECT_EQ(r->rejections.at(0).line, 3);
    EXPECT_TRUE(r->rejections.at(0).reason.startsWith(QStringLiteral("Line 3:"))) << r->rejections.at(0).reason.toStdString();
    EXPECT_TRUE(r->rejections.at(0).reason.contains(QStringLiteral("not-an-address")));
    EXPECT_EQ(r->rejections.at(1).line, 6);
    EXPECT_EQ(r->rejections.at(2).line, 7);
    EXPECT_EQ(r->rejections.at(3).line, 8);
    EXPECT_TRUE(r->rejections.at(3).reason.contains(QStringLiteral("phone"))) << r->rejections.at(3).reason.toStdString();

    auto ml = byEmail(QStringLiteral("ml@example.org"));
    ASSERT_TRUE(ml);
    EXPECT_EQ(ml->firstName, QStringLiteral("Multi\nLine"));
    EXPECT_EQ(byEmail(QStringLiteral("ada@example.org"))->country, QStringLiteral("GB"));
    EXPECT_EQ(byEmail(QStringLiteral("carl@example.org"))->country, QStringLiteral("DE"));
    auto dora = byEmail(QStringLiteral("dora@example.org"));
    EXPECT_EQ(dora->country, QString());
    EXPECT_EQ(dora->notes, QStringLiteral("Country: Atlantis")); // kept, not lost

    // The error file: the original fields plus the line and the reason, readable by the importer again.
    QFile f(o.errorFilePath);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QString errors = QString::fromUtf8(f.readAll());
    EXPECT_TRUE(errors.contains(QStringLiteral("First Name,Last Name,Email,Phone,Country,Line,Error"))) << errors.toStdString();
    EXPECT_TRUE(errors.contains(QStringLiteral("Bad,Mail,not-an-address,,,3,"))) << errors.toStdString();
    EXPECT_TRUE(errors.contains(QStringLiteral(",8,"))) << errors.toStdString();
}

TEST_F(ContactImporterTest, FileWithOnlyBadLinesLeavesNoBatch)
{
    auto r = import(writeFile(QStringLiteral("x.csv"), "Email,Phone\nnope,\nalso-nope,\n"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->created, 0);
    EXPECT_EQ(r->rejected, 2);
    EXPECT_TRUE(r->batchId.isEmpty());
    EXPECT_EQ(count(QStringLiteral("import_batches")), 0);
    EXPECT_EQ(count(QStringLiteral("outbox")), 0);
}

TEST_F(ContactImporterTest, UnmappableHeaderIsAClearError)
{
    auto r = import(writeFile(QStringLiteral("x.csv"), "Foo,Bar\n1,2\n"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::InvalidArgument);
    EXPECT_TRUE(r.message().contains(QStringLiteral("Foo"))) << r.message().toStdString();
}

TEST_F(ContactImporterTest, CancelMidImportLeavesNothing)
{
    addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Already")},
                           {QStringLiteral("email"), QStringLiteral("already@example.com")}});
    // More rows than the reading thread may hold ready (16 batches of 256): when the import is cancelled the
    // reader waits for room, and must stop all the same.
    QByteArray csv = "First Name,Last Name,Email\n";
    for (int i = 0; i < 6000; ++i)
        csv += QStringLiteral("P%1,Q%1,p%1@example.com\n").arg(i).toUtf8();
    csv += "Already,Updated,already@example.com\n";
    const QString path = writeFile(QStringLiteral("big.csv"), csv);

    const QStringList contacts = dump(QStringLiteral("contacts"), QStringLiteral("rid"));
    const QStringList outbox = dump(QStringLiteral("outbox"), QStringLiteral("seq"));
    const QStringList audit = dump(QStringLiteral("audit_log"), QStringLiteral("seq"));
    const QStringList fts = dump(QStringLiteral("contacts_fts"), QStringLiteral("docid"));

    std::atomic_bool cancel{false};
    int calls = 0;
    ContactImporter::Options o;
    o.cancel = &cancel;
    o.errorFilePath = t.dir.filePath(QStringLiteral("errors.csv"));
    o.progress = [&](qint64 done, qint64 total) {
        EXPECT_LE(done, total);
        if (++calls == 2)
            cancel = true; // after some hundreds of rows went in
    };
    QSignalSpy spy(engine.get(), &MutationEngine::changed);
    auto r = import(path, o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.code(), ErrorCode::Cancelled);
    EXPECT_GE(calls, 2);
    EXPECT_EQ(spy.count(), 0);
    EXPECT_EQ(dump(QStringLiteral("contacts"), QStringLiteral("rid")), contacts);
    EXPECT_EQ(dump(QStringLiteral("outbox"), QStringLiteral("seq")), outbox);
    EXPECT_EQ(dump(QStringLiteral("audit_log"), QStringLiteral("seq")), audit);
    EXPECT_EQ(dump(QStringLiteral("contacts_fts"), QStringLiteral("docid")), fts);
    EXPECT_EQ(count(QStringLiteral("import_batches")), 0);
    EXPECT_EQ(count(QStringLiteral("import_items")), 0);
    EXPECT_FALSE(QFile::exists(o.errorFilePath));

    // And the engine goes on as before: the next mutation takes the next sequence number.
    auto m = engine->submit(QStringLiteral("contact.create"),
                            QJsonObject{{QStringLiteral("id"), newId()},
                                        {QStringLiteral("fields"), QJsonObject{{QStringLiteral("lastName"), QStringLiteral("After")}}}});
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->seq, 2);
}

TEST_F(ContactImporterTest, MatchUpdateVersusSkip)
{
    const QString id = addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Eva")},
                                              {QStringLiteral("lastName"), QStringLiteral("Old")},
                                              {QStringLiteral("email"), QStringLiteral("Eva@Example.com")},
                                              {QStringLiteral("city"), QStringLiteral("Bonn")}});
    const QString byPhone = addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Tom")},
                                                   {QStringLiteral("phone"), QStringLiteral("0170 1234567")}});
    const QByteArray csv = "First Name,Last Name,Email,Phone,City\n"
                           "Eva,New,eva@EXAMPLE.com,,\n"          // matches by folded e-mail; city stays Bonn
                           "Tom,Tailor,,+49 170 1234567,Berlin\n" // matches by phone when asked
                           "Neu,Person,neu@example.com,,\n";
    ContactImporter::Options skip;
    skip.matchPhone = true;
    skip.onMatch = ContactImporter::OnMatch::Skip;
    auto s = import(writeFile(QStringLiteral("m.csv"), csv), skip);
    ASSERT_TRUE(s.ok()) << s.message().toStdString();
    EXPECT_EQ(s->skipped, 2);
    EXPECT_EQ(s->created, 1);
    EXPECT_EQ(s->updated, 0);
    ContactRepository repo(*t.db);
    EXPECT_EQ(repo.find(id).value()->lastName, QStringLiteral("Old"));

    ContactImporter::Options update;
    update.matchPhone = true;
    auto u = import(writeFile(QStringLiteral("m2.csv"), csv), update);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->updated, 2);
    EXPECT_EQ(u->created, 0); // "Neu" now matches the contact the first import created
    EXPECT_EQ(u->skipped, 1); // … and is unchanged
    const Contact eva = *repo.find(id).value();
    EXPECT_EQ(eva.lastName, QStringLiteral("New"));
    EXPECT_EQ(eva.email, QStringLiteral("eva@EXAMPLE.com"));
    EXPECT_EQ(eva.city, QStringLiteral("Bonn")); // an empty cell does not blank existing data
    const Contact tom = *repo.find(byPhone).value();
    EXPECT_EQ(tom.lastName, QStringLiteral("Tailor"));
    EXPECT_EQ(tom.city, QStringLiteral("Berlin"));
    EXPECT_EQ(tom.phone, QStringLiteral("+49 170 1234567"));

    // Without phone matching Tom is a new contact.
    auto n = import(writeFile(QStringLiteral("m3.csv"), "First Name,Phone\nTom,+49 170 1234567\n"));
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->created, 1);
}

TEST_F(ContactImporterTest, SameEmailTwiceInOneFileUpdatesTheContactCreatedEarlier)
{
    auto r = import(writeFile(QStringLiteral("d.csv"), "Name,Email,City\nA,a@example.com,\nA,a@example.com,Paris\n"),
                    [] {
                        ContactImporter::Options o;
                        ColumnMapping m = ColumnMapping::guess({QStringLiteral("Name"), QStringLiteral("Email"), QStringLiteral("City")});
                        EXPECT_TRUE(m.apply(QStringLiteral("Name=firstName")).ok());
                        o.mapping = m;
                        return o;
                    }());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->created, 1);
    EXPECT_EQ(r->updated, 1);
    EXPECT_EQ(byEmail(QStringLiteral("a@example.com"))->city, QStringLiteral("Paris"));
}

TEST_F(ContactImporterTest, VCard21WithQuotedPrintableAndSeveralNumbers)
{
    const QByteArray vcf = "BEGIN:VCARD\r\n"
                           "VERSION:2.1\r\n"
                           "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
                           "FN:J\xc3\xbcrgen M\xc3\xbcller\r\n"
                           "TEL;CELL;PREF:+49 170 1111111\r\n"
                           "TEL;HOME:+49 221 2222222\r\n"
                           "EMAIL;INTERNET:juergen@example.de\r\n"
                           "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;Hauptstra=C3=9Fe 1;K=C3=B6ln;;50667;Deutschland\r\n"
                           "NOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond =\r\n"
                           "line\r\n"
                           "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n"
                           " /9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
                           "\r\n"
                           "END:VCARD\r\n";
    auto r = import(writeFile(QStringLiteral("a.vcf"), vcf));
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->format, ImportFormat::VCard);
    ASSERT_EQ(r->created, 1) << (r->rejections.isEmpty() ? std::string() : r->rejections.first().reason.toStdString());
    auto c = byEmail(QStringLiteral("juergen@example.de"));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->firstName, QStringLiteral("Jürgen"));
    EXPECT_EQ(c->lastName, QStringLiteral("Müller"));
    EXPECT_EQ(c->phone, QStringLiteral("+49 170 1111111"));
    EXPECT_EQ(c->street, QStringLiteral("Hauptstraße 1"));
    EXPECT_EQ(c->city, QStringLiteral("Köln"));
    EXPECT_EQ(c->postalCode, QStringLiteral("50667"));
    EXPECT_EQ(c->country, QStringLiteral("DE"));
    EXPECT_TRUE(c->notes.startsWith(QStringLiteral("first line"))) << c->notes.toStdString();
    EXPECT_TRUE(c->notes.contains(QStringLiteral("Phone (home): +49 221 2222222"))) << c->notes.toStdString();
}

TEST_F(ContactImporterTest, VCard30And40WithFoldingTypesAndPreference)
{
    const QByteArray vcf = "BEGIN:VCARD\r\n"
                           "VERSION:3.0\r\n"
                           "N:Lindqvist;Astrid;;;\r\n"
                           "FN:Astrid Lindqvist\r\n"
                           "ORG:Nordic \r\n"
                           " Trading AB;Sales\r\n"
                           "EMAIL;TYPE=INTERNET,HOME:astrid@home.se\r\n"
                           "EMAIL;TYPE=INTERNET,WORK,PREF:astrid@nordic.se\r\n"
                           "TEL;TYPE=WORK,VOICE:+46 8 123 456\r\n"
                           "END:VCARD\r\n"
                           "BEGIN:VCARD\r\n"
                           "VERSION:4.0\r\n"
                           "FN:Kenji Sato\r\n"
                           "N:Sato;Kenji;;;\r\n"
                           "EMAIL;TYPE=work;PREF=2:kenji@work.jp\r\n"
                           "EMAIL;TYPE=home;PREF=1:kenji@home.jp\r\n"
                           "TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+81-90-1234-5678;ext=12\r\n"
                           "NOTE:Likes tea\\, not coffee\\nSecond line\r\n"
                           "END:VCARD\r\n"
                           "BEGIN:VCARD\r\n"
                           "VERSION:4.0\r\n"
                           "FN:Nobody\r\n"
                           "EMAIL:broken\r\n"
                           "END:VCARD\r\n";
    auto r = import(writeFile(QStringLiteral("b.vcf"), vcf));
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 2);
    ASSERT_EQ(r->rejected, 1);
    EXPECT_EQ(r->rejections.first().line, 20);
    auto a = byEmail(QStringLiteral("astrid@nordic.se"));
    ASSERT_TRUE(a);
    EXPECT_EQ(a->company, QStringLiteral("Nordic Trading AB"));
    EXPECT_EQ(a->phone, QStringLiteral("+46 8 123 456"));
    EXPECT_EQ(a->notes, QStringLiteral("E-mail (home): astrid@home.se"));
    auto k = byEmail(QStringLiteral("kenji@home.jp"));
    ASSERT_TRUE(k);
    EXPECT_EQ(k->phone, QStringLiteral("+81-90-1234-5678 ext. 12"));
    EXPECT_EQ(k->notes, QStringLiteral("Likes tea, not coffee\nSecond line\nE-mail (work): kenji@work.jp"));
}

// vCard 4.0 allows a card without N: the person's name comes from FN, even when the card has an ORG;
// a company's own card (FN = ORG) stays a company without a person's name.
TEST_F(ContactImporterTest, VCard40WithoutNTakesTheNameFromFnBesideAnOrganisation)
{
    const QByteArray vcf = "BEGIN:VCARD\r\n"
                           "VERSION:4.0\r\n"
                           "FN:Zo\xC3\xAB M\xC3\xBCller\r\n"
                           "ORG:M\xC3\xBCller GmbH\r\n"
                           "EMAIL:zoe@mueller.de\r\n"
                           "END:VCARD\r\n"
                           "BEGIN:VCARD\r\n"
                           "VERSION:4.0\r\n"
                           "FN:Nordic Trading AB\r\n"
                           "ORG:Nordic Trading AB\r\n"
                           "EMAIL:info@nordic.se\r\n"
                           "END:VCARD\r\n";
    auto r = import(writeFile(QStringLiteral("fn.vcf"), vcf));
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->created, 2);
    auto z = byEmail(QStringLiteral("zoe@mueller.de"));
    ASSERT_TRUE(z);
    EXPECT_EQ(z->firstName, QStringLiteral("Zoë"));
    EXPECT_EQ(z->lastName, QStringLiteral("Müller"));
    EXPECT_EQ(z->company, QStringLiteral("Müller GmbH"));
    auto n = byEmail(QStringLiteral("info@nordic.se"));
    ASSERT_TRUE(n);
    EXPECT_TRUE(n->firstName.isEmpty());
    EXPECT_TRUE(n->lastName.isEmpty());
    EXPECT_EQ(n->company, QStringLiteral("Nordic Trading AB"));
}

TEST_F(ContactImporterTest, PreviewShowsMappedRowsWithoutWriting)
{
    const QString path = writeFile(QStringLiteral("p.csv"), "Vorname;Nachname;E-Mail\nAnna;Berg;anna@example.de\nX;Y;kaputt\n");
    auto p = ContactImporter::preview(path, {}, 10);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->delimiter, QLatin1Char(';'));
    ASSERT_EQ(p->rows.size(), 2);
    EXPECT_EQ(p->rows.at(0).contact.lastName, QStringLiteral("Berg"));
    EXPECT_TRUE(p->rows.at(0).problem.isEmpty());
    EXPECT_TRUE(p->rows.at(1).problem.startsWith(QStringLiteral("Line 3:"))) << p->rows.at(1).problem.toStdString();
    EXPECT_EQ(count(QStringLiteral("contacts")), 0);
}

TEST_F(ContactImporterTest, ProgressCarriesTheRecordsAndCountsSoFar)
{
    addContact(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("Already")},
                           {QStringLiteral("email"), QStringLiteral("already@example.com")}});
    QByteArray csv = "First Name,Last Name,Email\n";
    for (int i = 0; i < 600; ++i)
        csv += QStringLiteral("P%1,Q%1,p%1@example.com\n").arg(i).toUtf8();
    csv += "Already,Updated,already@example.com\nBad,Row,not-an-email\n";
    const QString path = writeFile(QStringLiteral("counted.csv"), csv);

    QList<ImportProgress> seen;
    ContactImporter::Options o;
    o.onProgress = [&](const ImportProgress& p) { seen.append(p); };
    auto r = import(path, o);
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    ASSERT_GE(seen.size(), 3); // every 256 records, and once at the end
    for (qsizetype i = 1; i < seen.size(); ++i) {
        EXPECT_GE(seen.at(i).records, seen.at(i - 1).records);
        EXPECT_GE(seen.at(i).bytesDone, seen.at(i - 1).bytesDone);
        EXPECT_EQ(seen.at(i).bytesTotal, QFileInfo(path).size());
    }
    EXPECT_EQ(seen.first().records, 256);
    EXPECT_EQ(seen.first().created, 256);
    const ImportProgress& last = seen.last();
    EXPECT_EQ(last.bytesDone, last.bytesTotal);
    EXPECT_EQ(last.records, r->records);
    EXPECT_EQ(last.created, r->created);
    EXPECT_EQ(last.updated, 1);
    EXPECT_EQ(last.rejected, 1);
    EXPECT_EQ(last.skipped, r->skipped);
}

TEST_F(ContactImporterTest, VCardPreviewReadsValuesInTheChosenEncoding)
{
    // UTF-8 bytes without CHARSET: read as UTF-8 by default, as Windows-1252 when that is chosen.
    const QString path = writeFile(QStringLiteral("z.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nN:M\xC3\xBCller;Zo\xC3\xAB;;;\r\n"
                                                           "FN:Zo\xC3\xAB M\xC3\xBCller\r\nEND:VCARD\r\n");
    auto automatic = ContactImporter::preview(path, {}, 10);
    ASSERT_TRUE(automatic.ok());
    ASSERT_EQ(automatic->rows.size(), 1);
    EXPECT_EQ(automatic->rows.at(0).contact.lastName, QStringLiteral("Müller"));
    ContactImporter::Options o;
    o.encoding = TextEncoding::Windows1252;
    auto forced = ContactImporter::preview(path, o, 10);
    ASSERT_TRUE(forced.ok());
    ASSERT_EQ(forced->rows.size(), 1);
    EXPECT_EQ(forced->rows.at(0).contact.lastName, QStringLiteral("MÃ¼ller"));
}

} // namespace
