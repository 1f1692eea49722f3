// Export of everything held about a person: one folder with person.json and a CSV per section, holding the
// contact, consents, shares, distributor record, audit entries, import and merge history and pending changes
// — and nothing about anyone else.
#include "privacy/PersonExport.h"

#include "PrivacyFixture.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

using namespace outpost;
using namespace outpost::test;

namespace {

class PersonExportTest : public PrivacyFixture
{
};

TEST_F(PersonExportTest, TheBundleHoldsEverySectionAndNobodyElse)
{
    seedPerson();
    const QString folder = t.dir.filePath(QStringLiteral("thaddeus"));
    QSqlDatabase conn = t.db->connection();
    auto summary = PersonExport::write(conn, personId, folder, clock.nowMs());
    ASSERT_TRUE(summary.ok()) << summary.message().toStdString();
    EXPECT_FALSE(QFileInfo::exists(folder + QStringLiteral(".partial")));

    QFile f(folder + QStringLiteral("/person.json"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const QJsonObject doc = QJsonDocument::fromJson(bytes).object();
    EXPECT_EQ(doc.value(QStringLiteral("contactId")).toString(), personId);
    auto section = [&](const char* name) { return doc.value(QLatin1String(name)).toArray(); };
    ASSERT_EQ(section("contact").size(), 1);
    EXPECT_EQ(section("contact")[0].toObject().value(QStringLiteral("email")).toString(),
              QStringLiteral("thaddeus.quennell@privmail.test"));
    EXPECT_EQ(section("consents").size(), 1);
    EXPECT_EQ(section("shares").size(), 1);
    EXPECT_EQ(section("distributors").size(), 1);
    EXPECT_EQ(section("import_history").size(), 1);
    EXPECT_EQ(section("merge_history").size(), 1);
    EXPECT_EQ(section("sync_conflicts").size(), 1);
    EXPECT_GE(section("pending_changes").size(), 6); // never synced: every change is still queued
    // Audit: the contact's own entries, the merged duplicate's, the share's, the distributor's, the consent's.
    QSet<QString> audited;
    for (const QJsonValue& e : section("audit"))
        audited.insert(e.toObject().value(QStringLiteral("entity")).toString());
    EXPECT_EQ(audited, (QSet<QString>{QStringLiteral("contact"), QStringLiteral("contact_share"),
                                      QStringLiteral("distributor"), QStringLiteral("consent")}));
    // Old values are part of what is held about them.
    EXPECT_TRUE(bytes.contains("tq@oldmail.test"));
    EXPECT_TRUE(bytes.contains("tq-dup@elsewhere.test"));
    // Nothing about the other person.
    EXPECT_FALSE(bytes.contains("Brackenbury"));

    // One CSV per section, with a header row.
    for (const char* name : {"contact", "consents", "shares", "distributors", "erasure", "audit", "import_history",
                             "merge_history", "pending_changes", "sync_conflicts", "sync_rejections"}) {
        QFile csv(folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".csv"));
        EXPECT_TRUE(csv.open(QIODevice::ReadOnly)) << name;
        EXPECT_EQ(csv.readAll().count("\r\n"), qsizetype(section(name).isEmpty() ? 1 : section(name).size() + 1))
            << name; // records end in CRLF; the only line breaks inside fields (notes) are LF
    }
    EXPECT_GT(summary->rows, 15);
}

TEST_F(PersonExportTest, AnExistingFolderOrAnUnknownPersonIsRefused)
{
    seedPerson();
    QSqlDatabase conn = t.db->connection();
    const QString folder = t.dir.filePath(QStringLiteral("taken"));
    ASSERT_TRUE(QDir().mkpath(folder));
    auto taken = PersonExport::write(conn, personId, folder, clock.nowMs());
    EXPECT_EQ(taken.code(), ErrorCode::AlreadyExists);
    auto unknown = PersonExport::write(conn, newUuidV7(), t.dir.filePath(QStringLiteral("nobody")), clock.nowMs());
    EXPECT_EQ(unknown.code(), ErrorCode::NotFound);
    EXPECT_FALSE(QFileInfo::exists(t.dir.filePath(QStringLiteral("nobody"))));
    EXPECT_FALSE(QFileInfo::exists(t.dir.filePath(QStringLiteral("nobody.partial"))));
}

TEST_F(PersonExportTest, ACancelledExportLeavesNothing)
{
    seedPerson();
    QSqlDatabase conn = t.db->connection();
    const QString folder = t.dir.filePath(QStringLiteral("cancelled"));
    int polls = 0;
    auto r = PersonExport::write(conn, personId, folder, clock.nowMs(), [&] { return ++polls > 3; });
    EXPECT_EQ(r.code(), ErrorCode::Cancelled);
    EXPECT_FALSE(QFileInfo::exists(folder));
    EXPECT_FALSE(QFileInfo::exists(folder + QStringLiteral(".partial")));
}

} // namespace
