// The contacts page on its own over a workspace: counts, empty states, keyboard, editing, deleting and
// what happens when a mutation fails.
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "shell/Translations.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAction>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

class ContactsPageTest : public ::testing::Test
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
    }

    void TearDown() override
    {
        page.reset();
        workspace.reset();
    }

    void showPage()
    {
        page = std::make_unique<ContactsPage>(*workspace);
        page->resize(1100, 700);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    QLabel* countLabel() { return child<QLabel>(page.get(), QStringLiteral("contactCount")); }
    QLabel* emptyState() { return child<QLabel>(page.get(), QStringLiteral("contactEmptyState")); }

    // The row showing `id` in the loaded part of the list, or -1.
    int rowOf(const QString& id) const
    {
        for (int r = 0; r < page->model()->rowCount(); ++r)
            if (page->model()->idAt(r) == id)
                return r;
        return -1;
    }

    void search(const QString& text)
    {
        typeInto(page->searchField(), text);
        ASSERT_TRUE(waitUntil([&] { return page->model()->searchText() == text; }));
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<ContactsPage> page;
};

TEST_F(ContactsPageTest, EmptyProfileSaysHowToStart)
{
    ASSERT_NO_FATAL_FAILURE(showPage());
    EXPECT_TRUE(emptyState()->isVisible());
    EXPECT_TRUE(emptyState()->text().contains(QStringLiteral("No contacts yet")));
    EXPECT_EQ(countLabel()->text(), QStringLiteral("0 contacts"));
    EXPECT_FALSE(page->findChild<QAction*>(QStringLiteral("actionEditContact"))->isEnabled());
    EXPECT_FALSE(page->findChild<QAction*>(QStringLiteral("actionDeleteContact"))->isEnabled());
    EXPECT_TRUE(child<QWidget>(page.get(), QStringLiteral("detailPlaceholder"))->isVisible());
}

TEST_F(ContactsPageTest, CountsUseTheLocaleAndSearchNarrowsThem)
{
    addContacts(*workspace, 1234);
    ASSERT_NO_FATAL_FAILURE(showPage());
    EXPECT_EQ(countLabel()->text(), QStringLiteral("1,234 contacts"));
    EXPECT_EQ(page->summary(), QStringLiteral("1,234 contacts"));
    EXPECT_FALSE(emptyState()->isVisible());

    ASSERT_NO_FATAL_FAILURE(search(QStringLiteral("weber")));
    EXPECT_EQ(page->model()->totalMatches(), 176);
    EXPECT_EQ(countLabel()->text(), QStringLiteral("176 matches"));
    EXPECT_EQ(page->summary(), QStringLiteral("1,234 contacts")) << "the status bar keeps the total";

    ASSERT_NO_FATAL_FAILURE(search(QStringLiteral("weber 0012")));
    EXPECT_EQ(countLabel()->text(), QStringLiteral("1 match"));

    ASSERT_NO_FATAL_FAILURE(search(QStringLiteral("zebra")));
    EXPECT_TRUE(emptyState()->isVisible());
    EXPECT_TRUE(emptyState()->text().contains(QStringLiteral("No contacts match"))) << emptyState()->text().toStdString();

    // Esc clears the search at once.
    page->searchField()->setFocus();
    QTest::keyClick(page->searchField(), Qt::Key_Escape);
    EXPECT_TRUE(page->searchField()->text().isEmpty());
    EXPECT_FALSE(page->model()->isSearching());
    EXPECT_EQ(countLabel()->text(), QStringLiteral("1,234 contacts"));
}

TEST_F(ContactsPageTest, ManyMatchesAreCountedInTheBackground)
{
    addContacts(*workspace, 1234);
    ASSERT_NO_FATAL_FAILURE(showPage());
    // Every address is @example.com: more matches than one page, so they are counted on a worker.
    typeInto(page->searchField(), QStringLiteral("example"));
    QTest::keyClick(page->searchField(), Qt::Key_Down); // searches at once, without the typing delay
    ASSERT_TRUE(page->model()->isSearching());
    EXPECT_EQ(countLabel()->text(), QStringLiteral("Counting…"));
    EXPECT_EQ(page->model()->rowCount(), ContactListModel::PageSize) << "the first matches are shown meanwhile";
    ASSERT_TRUE(waitUntil([&] { return countLabel()->text() == QStringLiteral("1,234 matches"); }))
        << countLabel()->text().toStdString();
    EXPECT_FALSE(child<MessageLabel>(page.get(), QStringLiteral("contactLoadError"))->isVisible());
}

TEST_F(ContactsPageTest, AFailedCountIsShownInsteadOfCountingForever)
{
    addContacts(*workspace, 1234);
    ASSERT_NO_FATAL_FAILURE(showPage());
    // The worker's own connection cannot open a file that has moved; this thread's connection still reads it.
    const QString path = workspace->database().path();
    ASSERT_TRUE(QFile::rename(path, path + QStringLiteral(".away")));
    typeInto(page->searchField(), QStringLiteral("example"));
    QTest::keyClick(page->searchField(), Qt::Key_Down);
    auto* error = child<MessageLabel>(page.get(), QStringLiteral("contactLoadError"));
    const bool shown = waitUntil([&] { return error->isVisible(); });
    ASSERT_TRUE(QFile::rename(path + QStringLiteral(".away"), path));
    ASSERT_TRUE(shown);
    EXPECT_EQ(error->kind(), MessageLabel::Kind::Error);
    EXPECT_EQ(countLabel()->text(), QStringLiteral("Not counted"));
    EXPECT_EQ(page->model()->rowCount(), ContactListModel::PageSize);
}

TEST_F(ContactsPageTest, AChangeElsewhereKeepsTheListWhereItWas)
{
    addContacts(*workspace, 1234);
    ASSERT_NO_FATAL_FAILURE(showPage());
    QScrollBar* scroll = page->table()->verticalScrollBar();
    scroll->setValue(scroll->maximum() / 2);
    const int before = scroll->value();
    ASSERT_GT(before, 0);
    // Nothing selected; a contact is added (as a sync from another device would) far below the view.
    createContact(*workspace, QStringLiteral("Zora"), QStringLiteral("Zyx"));
    EXPECT_EQ(page->model()->rowCount(), 1235);
    EXPECT_EQ(scroll->value(), before) << "the list did not jump";
}

TEST_F(ContactsPageTest, KeyboardOpensEditorAndDeletesWithConfirmation)
{
    addContacts(*workspace, 30);
    ASSERT_NO_FATAL_FAILURE(showPage());
    QTableView* table = page->table();

    // From the search field, Down goes to the list and selects the first row.
    page->searchField()->setFocus();
    QTest::keyClick(page->searchField(), Qt::Key_Down);
    const QString first = page->selectedId();
    ASSERT_FALSE(first.isEmpty());
    EXPECT_EQ(page->model()->idAt(0), first);
    QTest::keyClick(table, Qt::Key_Down);
    const QString second = page->selectedId();
    EXPECT_EQ(page->model()->idAt(1), second);

    // Enter opens the editor for the selected contact; with nothing changed Save stays off.
    QTest::keyClick(table, Qt::Key_Return);
    auto* dialog = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->isNew());
    auto* save = child<QPushButton>(dialog, QStringLiteral("saveContactButton"));
    EXPECT_FALSE(save->isEnabled());
    auto* phone = child<QLineEdit>(dialog, QStringLiteral("phoneEdit"));
    typeInto(phone, QStringLiteral("+33 4 72 00 00 00"));
    EXPECT_TRUE(save->isEnabled());
    typeInto(phone, QString());
    EXPECT_FALSE(save->isEnabled()) << "back to what was loaded: nothing to save";
    typeInto(phone, QStringLiteral("phone?"));
    EXPECT_TRUE(child<MessageLabel>(dialog, QStringLiteral("phoneError"))->isVisible());
    EXPECT_FALSE(save->isEnabled());
    typeInto(phone, QStringLiteral("+33 4 72 00 00 00"));
    child<QPlainTextEdit>(dialog, QStringLiteral("notesEdit"))->setPlainText(QStringLiteral("Met at the Lyon fair."));
    click(save);
    ASSERT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
    EXPECT_EQ(page->selectedId(), second) << "the edited contact stays selected";
    EXPECT_EQ(child<QLabel>(page.get(), QStringLiteral("detailPhone"))->text(), QStringLiteral("+33 4 72 00 00 00"));
    EXPECT_EQ(child<QLabel>(page.get(), QStringLiteral("detailNotes"))->text(), QStringLiteral("Met at the Lyon fair."));

    // Delete asks first; Cancel keeps the contact.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    auto* box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
    ASSERT_NE(box, nullptr);
    click(child<QPushButton>(box, QStringLiteral("cancelDeleteButton")));
    ASSERT_TRUE(waitUntil([&] { return findVisible(QStringLiteral("confirmDeleteBox")) == nullptr; }));
    EXPECT_EQ(page->model()->rowCount(), 30);
    EXPECT_EQ(page->selectedId(), second);

    // Delete again and confirm: gone, and the next contact is selected.
    const QString third = page->model()->idAt(2);
    QTest::keyClick(table, Qt::Key_Delete);
    box = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
    ASSERT_NE(box, nullptr);
    click(child<QPushButton>(box, QStringLiteral("confirmDeleteButton")));
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 29; }));
    EXPECT_EQ(rowOf(second), -1);
    EXPECT_EQ(page->selectedId(), third);
    EXPECT_EQ(countLabel()->text(), QStringLiteral("29 contacts"));
}

TEST_F(ContactsPageTest, NewContactWhileSearchingIsShownAndSelected)
{
    addContacts(*workspace, 500);
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_NO_FATAL_FAILURE(search(QStringLiteral("dubois")));
    page->newContact();
    auto* dialog = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isNew());
    typeInto(child<QLineEdit>(dialog, QStringLiteral("firstNameEdit")), QStringLiteral("Zoë"));
    typeInto(child<QLineEdit>(dialog, QStringLiteral("lastNameEdit")), QStringLiteral("Martin"));
    click(child<QPushButton>(dialog, QStringLiteral("saveContactButton")));
    ASSERT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
    EXPECT_FALSE(page->model()->isSearching()) << "the search is cleared to show the new contact";
    const QString id = page->selectedId();
    ASSERT_FALSE(id.isEmpty());
    ASSERT_GE(rowOf(id), 0);
    EXPECT_EQ(page->model()->data(page->model()->index(rowOf(id), 0)).toString(), QStringLiteral("Zoë Martin"));
    EXPECT_EQ(countLabel()->text(), QStringLiteral("501 contacts"));
    // Scrolled to: the row is inside the viewport.
    const QRect rowRect = page->table()->visualRect(page->model()->index(rowOf(id), 0));
    EXPECT_TRUE(page->table()->viewport()->rect().intersects(rowRect));
}

TEST_F(ContactsPageTest, FailedSaveKeepsWhatWasTyped)
{
    const QString id = createContact(*workspace, QStringLiteral("Bruno"), QStringLiteral("Lefèvre"));
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_TRUE(page->selectContact(id));
    page->editSelected();
    auto* dialog = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(dialog, nullptr);
    typeInto(child<QLineEdit>(dialog, QStringLiteral("companyEdit")), QStringLiteral("Lefèvre & Fils"));

    // Meanwhile the contact is deleted (as a sync from another device would).
    auto removed = workspace->mutations().submit(QStringLiteral("contact.delete"),
                                                 QJsonObject{{QStringLiteral("id"), id}});
    ASSERT_TRUE(removed.ok());
    click(child<QPushButton>(dialog, QStringLiteral("saveContactButton")));
    EXPECT_TRUE(dialog->isVisible()) << "the form stays open";
    auto* message = child<MessageLabel>(dialog, QStringLiteral("editMessage"));
    EXPECT_TRUE(message->isVisible());
    EXPECT_EQ(message->kind(), MessageLabel::Kind::Error);
    EXPECT_EQ(child<QLineEdit>(dialog, QStringLiteral("companyEdit"))->text(), QStringLiteral("Lefèvre & Fils"));
    EXPECT_TRUE(dialog->isNew()) << "saving again keeps it as a new contact";

    click(child<QPushButton>(dialog, QStringLiteral("saveContactButton")));
    ASSERT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
    EXPECT_EQ(page->model()->rowCount(), 1);
    EXPECT_NE(page->selectedId(), id);
    EXPECT_EQ(child<QLabel>(page.get(), QStringLiteral("detailName"))->text(), QStringLiteral("Bruno Lefèvre"));
}

TEST_F(ContactsPageTest, CancellingAnEditedFormAsksBeforeDiscarding)
{
    ASSERT_NO_FATAL_FAILURE(showPage());
    page->newContact();
    auto* dialog = waitForVisible<ContactEditDialog>(QStringLiteral("contactEditDialog"));
    ASSERT_NE(dialog, nullptr);
    typeInto(child<QLineEdit>(dialog, QStringLiteral("firstNameEdit")), QStringLiteral("Half"));
    click(child<QPushButton>(dialog, QStringLiteral("cancelContactButton")));
    auto* box = waitForVisible<QMessageBox>(QStringLiteral("discardChangesBox"));
    ASSERT_NE(box, nullptr);
    click(child<QPushButton>(box, QStringLiteral("keepEditingButton")));
    EXPECT_TRUE(dialog->isVisible());
    click(child<QPushButton>(dialog, QStringLiteral("cancelContactButton")));
    box = waitForVisible<QMessageBox>(QStringLiteral("discardChangesBox"));
    ASSERT_NE(box, nullptr);
    click(child<QPushButton>(box, QStringLiteral("discardButton")));
    ASSERT_TRUE(waitUntil([&] { return page->editDialog() == nullptr; }));
    EXPECT_EQ(page->model()->rowCount(), 0);
}

} // namespace
