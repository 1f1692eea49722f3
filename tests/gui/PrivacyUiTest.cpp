// Privacy in the contacts page: the consents of the selected contact (model checked by
// QAbstractItemModelTester; expired and withdrawn ones say so), recording and withdrawing a consent, exporting
// everything about the person, and erasing them from the detail panel's Privacy menu.
#include "contacts/ContactDetailPanel.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "privacy/ConsentListModel.h"
#include "privacy/ConsentsPanel.h"
#include "privacy/EraseContactDialog.h"
#include "privacy/PersonExportDialog.h"
#include "profile/Workspace.h"
#include "shell/Translations.h"
#include "timeline/TimelineView.h"
#include "util/Uuid.h"

#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFileInfo>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QToolButton>

#include <gtest/gtest.h>

using namespace outpost;
using namespace outpost::test;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;

class PrivacyUiTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        installTranslators(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void SetUp() override
    {
        workspace = makeWorkspace(dir.path());
        ASSERT_NE(workspace, nullptr);
        contactId = createContact(*workspace, QStringLiteral("Rosalind"), QStringLiteral("Okonkwo-Hale"),
                                  QStringLiteral("rosalind@okonkwo.test"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        give(QStringLiteral("Newsletter by e-mail"), now - 400 * kDay, now - 35 * kDay); // expired
        const QString withdrawn = give(QStringLiteral("Phone calls"), now - 200 * kDay, {});
        submit(QStringLiteral("consent.withdraw"),
               {{QStringLiteral("id"), withdrawn}, {QStringLiteral("withdrawnAt"), double(now - 10 * kDay)}});
        give(QStringLiteral("Postal mail"), now - 5 * kDay, now + 700 * kDay); // in force
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    void submit(const QString& name, const QJsonObject& args)
    {
        auto m = workspace->mutations().submit(name, args);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    QString give(const QString& purpose, qint64 givenAt, std::optional<qint64> expiresAt)
    {
        const QString id = newUuidV7();
        QJsonObject args{{QStringLiteral("id"), id},
                         {QStringLiteral("contactId"), contactId},
                         {QStringLiteral("purpose"), purpose},
                         {QStringLiteral("source"), QStringLiteral("web form")},
                         {QStringLiteral("givenAt"), double(givenAt)}};
        if (expiresAt)
            args.insert(QStringLiteral("expiresAt"), double(*expiresAt));
        submit(QStringLiteral("consent.give"), args);
        return id;
    }

    void showPageWithContact()
    {
        page = std::make_unique<ContactsPage>(*workspace);
        page->resize(1300, 800);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
        auto* table = child<QTableView>(page.get(), QStringLiteral("contactTable"));
        ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 1; }));
        table->selectRow(0);
        ASSERT_TRUE(waitUntil([&] { return consents()->model()->rowCount() == 3; }));
    }

    ConsentsPanel* consents() { return child<ConsentsPanel>(page.get(), QStringLiteral("consentsPanel")); }

    QString stateOf(int row)
    {
        ConsentListModel* m = consents()->model();
        return m->data(m->index(row, ConsentListModel::State)).toString();
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<ContactsPage> page;
    QString contactId;
};

TEST_F(PrivacyUiTest, ConsentModelPassesTheTesterAndShowsExpiredAndWithdrawn)
{
    ConsentListModel model(workspace->database());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(model.load(contactId, QDateTime::currentMSecsSinceEpoch()).ok());
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.data(model.index(0, ConsentListModel::Purpose)).toString(), QStringLiteral("Postal mail"));
    EXPECT_TRUE(model.data(model.index(0, ConsentListModel::State)).toString().startsWith(QStringLiteral("In force until")));
    EXPECT_TRUE(model.data(model.index(1, ConsentListModel::State)).toString().startsWith(QStringLiteral("Withdrawn")));
    EXPECT_TRUE(model.data(model.index(2, ConsentListModel::State)).toString().startsWith(QStringLiteral("Expired")));
    EXPECT_TRUE(model.data(model.index(2, ConsentListModel::Purpose), Qt::ToolTipRole).toString().contains(QStringLiteral("expired")));
    EXPECT_TRUE(model.data(model.index(2, ConsentListModel::Purpose), Qt::ForegroundRole).isValid()); // greyed
    EXPECT_FALSE(model.data(model.index(0, ConsentListModel::Purpose), Qt::ForegroundRole).isValid());
    ASSERT_TRUE(model.load(QString(), 0).ok());
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(PrivacyUiTest, EmptyConsentsAndTimelineSaySoAndConsentsFold)
{
    ASSERT_NO_FATAL_FAILURE(showPageWithContact());
    ConsentsPanel* panel = consents();
    EXPECT_EQ(panel->toggle()->text(), QStringLiteral("Consents (3)"));
    EXPECT_TRUE(child<QTableView>(panel, QStringLiteral("consentTable"))->isVisible());
    EXPECT_FALSE(panel->emptyLabel()->isVisible());
    auto* timeline = child<TimelineView>(page.get(), QString());
    ASSERT_NE(timeline, nullptr);
    EXPECT_TRUE(timeline->emptyLabel()->isVisible()); // nothing logged yet
    EXPECT_TRUE(timeline->emptyLabel()->text().startsWith(QStringLiteral("Nothing on this timeline yet")));

    // A second contact without consents: a line instead of a blank table.
    createContact(*workspace, QStringLiteral("Abe"), QStringLiteral("Adams"));
    auto* table = child<QTableView>(page.get(), QStringLiteral("contactTable"));
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 2; }));
    table->selectRow(0); // Adams first by name
    ASSERT_TRUE(waitUntil([&] { return panel->model()->rowCount() == 0; }));
    EXPECT_TRUE(panel->emptyLabel()->isVisible());
    EXPECT_FALSE(child<QTableView>(panel, QStringLiteral("consentTable"))->isVisible());
    EXPECT_EQ(panel->toggle()->text(), QStringLiteral("Consents"));

    // Folded: the list and its buttons go away; unfolded: they come back.
    click(panel->toggle());
    EXPECT_FALSE(child<QPushButton>(panel, QStringLiteral("giveConsentButton"))->isVisible());
    click(panel->toggle());
    EXPECT_TRUE(child<QPushButton>(panel, QStringLiteral("giveConsentButton"))->isVisible());
}

TEST_F(PrivacyUiTest, RecordAndWithdrawAConsentFromTheDetailPanel)
{
    showPageWithContact();
    click(child<QPushButton>(consents(), QStringLiteral("giveConsentButton")));
    auto* dialog = waitForVisible<QDialog>(QStringLiteral("consentDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* purpose = child<QComboBox>(dialog, QStringLiteral("consentPurpose"));
    typeInto(purpose->lineEdit(), QStringLiteral("Sharing with the sponsor line"));
    typeInto(child<QLineEdit>(dialog, QStringLiteral("consentSource")), QStringLiteral("signed paper form"));
    dialog->accept();
    ASSERT_TRUE(waitUntil([&] { return consents()->model()->rowCount() == 4; }));
    EXPECT_EQ(consents()->model()->consentAt(0)->source, QStringLiteral("signed paper form"));

    // Withdraw it: the state says so and Withdraw is no longer offered for it.
    auto* table = child<QTableView>(consents(), QStringLiteral("consentTable"));
    table->selectRow(0);
    click(child<QPushButton>(consents(), QStringLiteral("withdrawConsentButton")));
    auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmWithdrawBox"));
    ASSERT_NE(box, nullptr);
    for (QAbstractButton* b : box->buttons()) {
        if (box->buttonRole(b) == QMessageBox::AcceptRole)
            b->click();
    }
    ASSERT_TRUE(waitUntil([&] { return stateOf(0).startsWith(QStringLiteral("Withdrawn")); }));
    table->selectRow(0);
    EXPECT_FALSE(child<QPushButton>(consents(), QStringLiteral("withdrawConsentButton"))->isEnabled());
}

TEST_F(PrivacyUiTest, AnEmptyPurposeIsRefusedInTheDialog)
{
    showPageWithContact();
    click(child<QPushButton>(consents(), QStringLiteral("giveConsentButton")));
    auto* dialog = waitForVisible<QDialog>(QStringLiteral("consentDialog"));
    ASSERT_NE(dialog, nullptr);
    dialog->accept();
    EXPECT_TRUE(dialog->isVisible()); // stays open with the reason
    EXPECT_TRUE(child<QLabel>(dialog, QStringLiteral("consentMessage"))->text().contains(QStringLiteral("purpose")));
    EXPECT_EQ(consents()->model()->rowCount(), 3);
    dialog->reject();
}

TEST_F(PrivacyUiTest, ExportThenEraseFromThePrivacyMenu)
{
    showPageWithContact();
    auto* privacy = child<QToolButton>(page.get(), QStringLiteral("privacyButton"));
    ASSERT_TRUE(privacy->isVisible());

    privacy->menu()->findChild<QAction*>(QStringLiteral("exportPersonAction"))->trigger();
    auto* exportDialog = waitForVisible<PersonExportDialog>(QStringLiteral("personExportDialog"));
    ASSERT_NE(exportDialog, nullptr);
    const QString folder = dir.filePath(QStringLiteral("rosalind-export"));
    typeInto(exportDialog->folderEdit(), folder);
    click(child<QPushButton>(exportDialog, QStringLiteral("personExportButton")));
    ASSERT_TRUE(waitUntil([&] { return QFileInfo::exists(folder + QStringLiteral("/person.json")); }));
    auto* message = child<QLabel>(exportDialog, QStringLiteral("personExportMessage"));
    ASSERT_TRUE(waitUntil([&] { return message->text().startsWith(QStringLiteral("Exported")); }));
    exportDialog->reject();

    privacy->menu()->findChild<QAction*>(QStringLiteral("erasePersonAction"))->trigger();
    auto* erase = waitForVisible<EraseContactDialog>(QStringLiteral("eraseContactDialog"));
    ASSERT_NE(erase, nullptr);
    auto* eraseButton = child<QPushButton>(erase, QStringLiteral("eraseButton"));
    EXPECT_FALSE(eraseButton->isEnabled()); // not before "I understand"
    click(child<QCheckBox>(erase, QStringLiteral("eraseConfirmCheck")));
    QSignalSpy busy(page.get(), &Page::busyChanged);
    click(eraseButton);
    ASSERT_TRUE(waitUntil([&] { return !erase->pseudonym().isEmpty(); }, 30000));
    // The page was busy while it ran (no lock, no automatic sync meanwhile), and is no longer.
    ASSERT_TRUE(waitUntil([&] { return busy.count() >= 2; }));
    EXPECT_TRUE(busy.first().first().toBool());
    EXPECT_FALSE(busy.last().first().toBool());
    EXPECT_FALSE(page->isBusy());
    const QString pseudonym = erase->pseudonym();
    // The list and the detail show the pseudonym; the consents stay.
    auto* name = child<QLabel>(page.get(), QStringLiteral("detailName"));
    ASSERT_TRUE(waitUntil([&] { return name->text() == pseudonym; })) << name->text().toStdString();
    ASSERT_EQ(consents()->model()->rowCount(), 3);
    ASSERT_TRUE(waitUntil([&] { return stateOf(0).startsWith(QStringLiteral("Withdrawn")); })); // ended by the erasure
    erase->reject();
}

} // namespace
