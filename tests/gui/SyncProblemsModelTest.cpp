// The Sync problems panel: its model passes QAbstractItemModelTester and lists seeded conflicts and
// refused changes; the panel's actions restore, keep, discard and retry.
#include "contacts/ContactRepository.h"
#include "profile/Workspace.h"
#include "replication/SyncProblems.h"
#include "sync/SyncProblemsDialog.h"
#include "sync/SyncProblemsModel.h"
#include "util/Uuid.h"

#include "ContactArgs.h"
#include "GuiTestUtil.h"
#include "TempDir.h"
#include "TestWorkspace.h"

#include <QAbstractItemModelTester>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::test;

namespace {

class SyncProblemsModelTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        workspace->mutations().setActor(QStringLiteral("ana"));
        contactId = createContact(*workspace, QStringLiteral("Zoë"), QStringLiteral("Müller"), QStringLiteral("zoe@ben.example"));
        // As a pull would deliver them: Ben's e-mail replaced Ana's; an edit of Ana's was refused.
        conflictId = newUuidV7();
        exec(QStringLiteral("INSERT INTO sync_conflicts(id, entity, entity_id, field, mine, theirs, base, winner, loser, "
                            "mutation_id, at, resolved, updated_at, updated_by) VALUES('%1', 'contact', '%2', 'email', "
                            "'\"zoe@ben.example\"', '\"zoe@ana.example\"', '\"\"', 'ben', 'ana', 'm1', 1700000000000, 0, "
                            "1700000000000, 'ben')")
                 .arg(conflictId, contactId));
        exec(QStringLiteral("INSERT INTO sync_rejections(seq, mutation_id, name, version, args, code, message, at) "
                            "VALUES(41, 'm2', 'contact.update', 1, '{\"id\":\"%1\",\"set\":{\"city\":\"Köln\"}}', "
                            "'forbidden', 'Your role (sales) may not change this contact.', 1700000001000)")
                 .arg(contactId));
        exec(QStringLiteral("INSERT INTO sync_rejections(seq, mutation_id, name, version, args, code, message, at) "
                            "VALUES(42, 'm3', 'distributor.move', 1, '{\"id\":\"x\",\"sponsorId\":\"y\"}', "
                            "'rule', 'The move would make a distributor their own sponsor.', 1700000002000)"));
    }

    void exec(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery q(workspace->database().connection());
        EXPECT_TRUE(q.exec(sql) && q.next()) << sql.toStdString();
        return q.value(0).toLongLong();
    }

    QString email()
    {
        auto c = workspace->contacts().find(contactId);
        return c.ok() && c.value() ? c.value()->email : QString();
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    QString contactId;
    QString conflictId;
};

} // namespace

TEST_F(SyncProblemsModelTest, PassesTheModelTesterAndListsConflictsThenRejections)
{
    SyncProblems problems(workspace->database(), workspace->mutations());
    SyncProblemsModel model(problems, QStringLiteral("ana"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.conflictCount(), 1);
    EXPECT_EQ(model.rejectionCount(), 2);

    auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    EXPECT_EQ(model.index(0, 0).data(SyncProblemsModel::KindRole).toString(), QStringLiteral("conflict"));
    EXPECT_EQ(model.index(0, 0).data(SyncProblemsModel::IdRole).toString(), conflictId);
    EXPECT_TRUE(text(0, SyncProblemsModel::RecordColumn).contains(QStringLiteral("Zoë Müller")));
    EXPECT_EQ(text(0, SyncProblemsModel::CurrentColumn), QStringLiteral("zoe@ben.example"));
    EXPECT_EQ(text(0, SyncProblemsModel::ReplacedColumn), QStringLiteral("zoe@ana.example"));
    EXPECT_FALSE(text(0, SyncProblemsModel::DetailColumn).isEmpty());
    EXPECT_FALSE(text(0, SyncProblemsModel::WhenColumn).isEmpty());

    // Newest rejection first.
    EXPECT_EQ(model.index(1, 0).data(SyncProblemsModel::IdRole).toLongLong(), 42);
    EXPECT_EQ(text(1, SyncProblemsModel::DetailColumn), QStringLiteral("The move would make a distributor their own sponsor."));
    EXPECT_EQ(model.index(2, 0).data(SyncProblemsModel::IdRole).toLongLong(), 41);
    EXPECT_TRUE(text(2, SyncProblemsModel::ReplacedColumn).contains(QStringLiteral("Köln")));
    EXPECT_TRUE(text(2, SyncProblemsModel::RecordColumn).contains(QStringLiteral("Zoë Müller")));

    // A reload after a change keeps the tester happy.
    exec(QStringLiteral("DELETE FROM sync_rejections WHERE seq = 42"));
    model.reload();
    EXPECT_EQ(model.rowCount(), 2);
    for (int c = 0; c < model.columnCount(); ++c)
        EXPECT_FALSE(model.headerData(c, Qt::Horizontal).toString().isEmpty());
}

TEST_F(SyncProblemsModelTest, RestoreWritesTheValueBackAndMarksTheConflictResolved)
{
    SyncProblemsDialog dialog(*workspace, QStringLiteral("ana"));
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    dialog.show();
    dialog.selectRow(0);
    auto* restore = child<QPushButton>(&dialog, QStringLiteral("restoreConflictButton"));
    ASSERT_TRUE(restore->isVisible() && restore->isEnabled());
    click(restore);
    EXPECT_EQ(email(), QStringLiteral("zoe@ana.example"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT resolved FROM sync_conflicts WHERE id = '%1'").arg(conflictId)), 1);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE name = 'conflict.resolve'")), 1);
    EXPECT_EQ(dialog.model()->conflictCount(), 0);
    EXPECT_EQ(dialog.model()->rowCount(), 2);
}

TEST_F(SyncProblemsModelTest, KeepCurrentDismissesTheConflict)
{
    SyncProblemsDialog dialog(*workspace, QStringLiteral("ana"));
    dialog.show();
    dialog.selectRow(0);
    click(child<QPushButton>(&dialog, QStringLiteral("keepConflictButton")));
    EXPECT_EQ(email(), QStringLiteral("zoe@ben.example"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT resolved FROM sync_conflicts WHERE id = '%1'").arg(conflictId)), 1);
}

TEST_F(SyncProblemsModelTest, DiscardRemovesTheRejection)
{
    SyncProblemsDialog dialog(*workspace, QStringLiteral("ana"));
    dialog.show();
    dialog.selectRow(1);
    auto* discard = child<QPushButton>(&dialog, QStringLiteral("discardRejectionButton"));
    ASSERT_TRUE(discard->isVisible() && discard->isEnabled());
    EXPECT_FALSE(child<QPushButton>(&dialog, QStringLiteral("restoreConflictButton"))->isVisible());
    click(discard);
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM sync_rejections WHERE seq = 42")), 0);
    EXPECT_EQ(dialog.model()->rejectionCount(), 1);
}

TEST_F(SyncProblemsModelTest, EditAndRetryOpensTheContactFormWithTheRefusedValue)
{
    SyncProblemsDialog dialog(*workspace, QStringLiteral("ana"));
    dialog.show();
    dialog.selectRow(2); // the refused contact edit
    click(child<QPushButton>(&dialog, QStringLiteral("retryRejectionButton")));
    auto* city = waitForVisible<QLineEdit>(QStringLiteral("cityEdit"), 3000);
    ASSERT_NE(city, nullptr);
    EXPECT_EQ(city->text(), QStringLiteral("Köln"));
    click(waitForVisible<QPushButton>(QStringLiteral("saveContactButton")));
    ASSERT_TRUE(waitUntil([&] { return dialog.model()->rejectionCount() == 1; }));
    auto c = workspace->contacts().find(contactId);
    ASSERT_TRUE(c.ok() && c.value());
    EXPECT_EQ(c.value()->city, QStringLiteral("Köln"));
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM sync_rejections WHERE seq = 41")), 0);
}

TEST_F(SyncProblemsModelTest, OtherRefusedChangesAreRetriedFromTheirDetails)
{
    SyncProblemsDialog dialog(*workspace, QStringLiteral("ana"));
    dialog.show();
    dialog.selectRow(1); // distributor.move: no form, its details are shown to edit
    click(child<QPushButton>(&dialog, QStringLiteral("retryRejectionButton")));
    auto* editor = waitForVisible<QPlainTextEdit>(QStringLiteral("retryArgsEdit"), 3000);
    ASSERT_NE(editor, nullptr);
    EXPECT_TRUE(editor->toPlainText().contains(QStringLiteral("sponsorId")));
    editor->setPlainText(QStringLiteral("{ not json"));
    click(waitForVisible<QPushButton>(QStringLiteral("retryChangeButton")));
    EXPECT_EQ(scalar(QStringLiteral("SELECT count(*) FROM sync_rejections WHERE seq = 42")), 1); // kept
}
