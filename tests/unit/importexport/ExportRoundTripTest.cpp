#include "importexport/ContactExporter.h"

#include "ImportTestSupport.h"

#include <QFile>

using namespace outpost;
using namespace outpost::test;

namespace {

QList<QJsonObject> tricky()
{
    auto c = [](std::initializer_list<std::pair<const char*, QString>> fields) {
        QJsonObject o;
        for (const auto& [k, v] : fields)
            o.insert(QString::fromLatin1(k), v);
        return o;
    };
    return {
        c({{"firstName", QStringLiteral("Zoë")}, {"lastName", QStringLiteral("Ørsted, \"the\" Great")},
           {"email", QStringLiteral("zoe@example.dk")}, {"phone", QStringLiteral("+45 12 34 56 78")},
           {"company", QStringLiteral("Ørsted; A/S")}, {"street", QStringLiteral("Nørregade 1, 2. sal")},
           {"postalCode", QStringLiteral("1165")}, {"city", QStringLiteral("København")}, {"country", QStringLiteral("DK")},
           {"notes", QStringLiteral("line one\nline two, with comma; and semicolon\\ and backslash")}}),
        c({{"firstName", QStringLiteral("=cmd")}, {"lastName", QStringLiteral("-minus")},
           {"email", QStringLiteral("formula@example.com")}, {"phone", QStringLiteral("-12 34")}}),
        c({{"company", QStringLiteral("Only Company Ltd")}, {"city", QStringLiteral("  ")}}),
        c({{"firstName", QStringLiteral("李")}, {"lastName", QStringLiteral("小龍")}, {"email", QStringLiteral("li@example.cn")},
           {"notes", QStringLiteral("🐉 emoji and a very long note that will certainly need folding in a vCard file "
                                    "because it is longer than seventy-five octets")}}),
        c({{"email", QStringLiteral("only-mail@example.org")}}),
    };
}

QStringList fieldsOf(Database& db)
{
    QStringList out;
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT first_name, last_name, email, phone, company, street, postal_code, city, country, "
                          "notes, owner_id FROM contacts"));
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < 11; ++i)
            row << q.value(i).toString();
        out << row.join(QStringLiteral("¦"));
    }
    out.sort();
    return out;
}

class ExportRoundTripTest : public ImportFixture, public ::testing::WithParamInterface<ContactExporter::Format>
{
};

TEST_P(ExportRoundTripTest, ExportThenImportIntoAFreshProfileGivesTheSameContacts)
{
    for (const QJsonObject& f : tricky())
        addContact(f);
    const QString path = t.dir.filePath(GetParam() == ContactExporter::Format::Csv ? QStringLiteral("out.csv")
                                                                                   : QStringLiteral("out.vcf"));
    ContactExporter exporter(*t.db);
    ContactExporter::Options o;
    o.format = GetParam();
    auto n = exporter.exportFile(path, o);
    ASSERT_TRUE(n.ok()) << n.message().toStdString();
    EXPECT_EQ(n.value(), 5);

    TestDatabase fresh;
    MutationEngine freshEngine(*fresh.db, MutationRegistry::standard(), clock);
    ASSERT_TRUE(freshEngine.initialize().ok());
    ContactImporter importer(*fresh.db, freshEngine);
    auto r = importer.importFile(path, {});
    ASSERT_TRUE(r.ok()) << r.message().toStdString();
    EXPECT_EQ(r->rejected, 0) << (r->rejections.isEmpty() ? std::string() : r->rejections.first().reason.toStdString());
    EXPECT_EQ(r->created, 5);
    EXPECT_EQ(fieldsOf(*fresh.db), fieldsOf(*t.db));
}

INSTANTIATE_TEST_SUITE_P(Formats, ExportRoundTripTest,
                         ::testing::Values(ContactExporter::Format::Csv, ContactExporter::Format::VCard));

TEST_F(ImportFixture, ExportOfASearchOrOfIds)
{
    for (const QJsonObject& f : tricky())
        addContact(f);
    ContactExporter exporter(*t.db);
    ContactExporter::Options o;
    o.query = QStringLiteral("orsted");
    const QString path = t.dir.filePath(QStringLiteral("q.csv"));
    auto n = exporter.exportFile(path, o);
    ASSERT_TRUE(n.ok()) << n.message().toStdString();
    EXPECT_EQ(n.value(), 1);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    EXPECT_TRUE(bytes.startsWith("\xEF\xBB\xBF" "firstName,lastName,email,phone"));
    EXPECT_TRUE(bytes.contains("zoe@example.dk"));

    ContactExporter::Options byIds;
    byIds.ids = {byEmail(QStringLiteral("li@example.cn"))->id, newId()};
    byIds.format = ContactExporter::Format::VCard;
    auto m = exporter.exportFile(t.dir.filePath(QStringLiteral("ids.vcf")), byIds);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m.value(), 1);
}

} // namespace
