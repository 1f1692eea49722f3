// The companies page, the company picker of the contact dialog, and the custom fields: their models (checked
// by QAbstractItemModelTester), the settings page, and editing values in the contact and company dialogs.
#include "companies/CompaniesPage.h"
#include "companies/CompanyContactsModel.h"
#include "companies/CompanyDetailPanel.h"
#include "companies/CompanyEditDialog.h"
#include "companies/CompanyListModel.h"
#include "companies/CompanyPicker.h"
#include "companies/CompanyRepository.h"
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "contacts/ContactsPage.h"
#include "contacts/LabelledValuesEditor.h"
#include "customfields/CustomField.h"
#include "customfields/CustomFieldDialog.h"
#include "customfields/CustomFieldListModel.h"
#include "customfields/CustomFieldsForm.h"
#include "customfields/CustomFieldsPage.h"
#include "mutations/MutationEngine.h"
#include "shell/Translations.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include "GuiTestUtil.h"
#include "TempDir.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace outpost;
using namespace outpost::test;

namespace {

class CompaniesPageTest : public ::testing::Test
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
        for (QWidget* w : QApplication::topLevelWidgets())
            if (qobject_cast<QDialog*>(w))
                delete w;
        page.reset();
        workspace.reset();
    }

    QString addCompany(const QString& name, const QString& industry = {})
    {
        const QString id = newUuidV7();
        auto m = workspace->mutations().submit(
            QStringLiteral("company.create"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("industry"), industry}}}});
        EXPECT_TRUE(m.ok()) << m.message().toStdString();
        return id;
    }

    void link(const QString& contactId, const QString& companyId)
    {
        auto m = workspace->mutations().submit(
            QStringLiteral("contact.update"),
            QJsonObject{{QStringLiteral("id"), contactId},
                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("companyId"), companyId}}}});
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    void define(const QJsonObject& def)
    {
        QJsonObject args = def;
        args.insert(QStringLiteral("id"), newUuidV7());
        auto m = workspace->mutations().submit(QStringLiteral("customfield.define"), args);
        ASSERT_TRUE(m.ok()) << m.message().toStdString();
    }

    void showPage()
    {
        page = std::make_unique<CompaniesPage>(*workspace);
        page->resize(1100, 700);
        page->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    }

    TempDir dir;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CompaniesPage> page;
};

// A page of a company's contacts that cannot be read is reported (it was dropped silently), and ends the rows.
TEST_F(CompaniesPageTest, ACompanysContactsPageThatCannotBeReadIsReported)
{
    const QString acme = addCompany(QStringLiteral("Acme"));
    for (int i = 0; i < 130; ++i)
        link(createContact(*workspace, QStringLiteral("P%1").arg(i), QStringLiteral("Staff")), acme);
    CompanyRepository repo(workspace->database());
    CompanyContactsModel contacts(repo);
    QAbstractItemModelTester tester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QStringList failures;
    QObject::connect(&contacts, &CompanyContactsModel::loadFailed, &contacts, [&](const QString& m) { failures << m; });
    contacts.setCompany(acme);
    ASSERT_EQ(contacts.rowCount(), CompanyContactsModel::PageSize);
    ASSERT_TRUE(failures.isEmpty());

    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts RENAME TO contacts_away")).ok());
    contacts.fetchMore({});
    ASSERT_TRUE(workspace->database().execScript(QStringLiteral("ALTER TABLE contacts_away RENAME TO contacts")).ok());
    ASSERT_EQ(failures.size(), 1);
    EXPECT_FALSE(failures.first().isEmpty());
    EXPECT_EQ(contacts.rowCount(), CompanyContactsModel::PageSize);
    EXPECT_FALSE(contacts.canFetchMore({})) << "not retried at every scroll";

    // Choosing the company again reads again.
    contacts.setCompany(acme);
    while (contacts.canFetchMore({}))
        contacts.fetchMore({});
    EXPECT_EQ(contacts.rowCount(), 130);
    EXPECT_EQ(failures.size(), 1);
}

// The custom field definitions beside the selected company are read once, and again when a field changes: the
// detail then shows the new label without the company being selected again.
TEST_F(CompaniesPageTest, TheDetailFollowsACustomFieldChange)
{
    const QString field = newUuidV7();
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("customfield.define"),
                            {{QStringLiteral("id"), field}, {QStringLiteral("entity"), QStringLiteral("company")},
                             {QStringLiteral("key"), QStringLiteral("size")}, {QStringLiteral("label"), QStringLiteral("Size")},
                             {QStringLiteral("type"), QStringLiteral("number")}})
                    .ok());
    const QString acme = newUuidV7();
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("company.create"),
                            {{QStringLiteral("id"), acme},
                             {QStringLiteral("fields"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme")},
                                                                    {QStringLiteral("custom.size"), 12}}}})
                    .ok());
    ASSERT_NO_FATAL_FAILURE(showPage());
    ASSERT_TRUE(page->selectCompany(acme));
    auto* custom = child<QLabel>(page->detail(), QStringLiteral("detailCustom"));
    EXPECT_EQ(custom->text(), QStringLiteral("Size: 12"));

    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("customfield.update"),
                            {{QStringLiteral("id"), field}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("label"), QStringLiteral("Headcount")}}}})
                    .ok());
    EXPECT_EQ(custom->text(), QStringLiteral("Headcount: 12"));
}

TEST_F(CompaniesPageTest, ModelsPassTheModelTesterWhilePagingAndChanging)
{
    for (int i = 0; i < 450; ++i)
        addCompany(QStringLiteral("Company %1").arg(i, 4, 10, QLatin1Char('0')), i % 2 ? QStringLiteral("Retail") : QString());
    CompanyRepository repo(workspace->database());
    CompanyListModel model(repo);
    EXPECT_EQ(model.rowCount(), CompanyListModel::PageSize) << "one page at a time";
    EXPECT_EQ(model.total(), 450);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    while (model.canFetchMore({}))
        model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 450);
    model.setSearchText(QStringLiteral("company 04"));
    EXPECT_EQ(model.total(), 50);
    EXPECT_EQ(model.rowCount(), 50);
    EXPECT_EQ(model.data(model.index(0, CompanyListModel::NameColumn)).toString(), QStringLiteral("Company 0400"));

    const QString acme = addCompany(QStringLiteral("Acme"));
    for (int i = 0; i < 130; ++i)
        link(createContact(*workspace, QStringLiteral("P%1").arg(i), QStringLiteral("Staff")), acme);
    CompanyContactsModel contacts(repo);
    contacts.setCompany(acme);
    EXPECT_EQ(contacts.total(), 130);
    EXPECT_EQ(contacts.rowCount(), CompanyContactsModel::PageSize);
    QAbstractItemModelTester contactsTester(&contacts, QAbstractItemModelTester::FailureReportingMode::Fatal);
    contacts.setCompany(QString());
    EXPECT_EQ(contacts.rowCount(), 0);
    contacts.setCompany(acme);
    while (contacts.canFetchMore({}))
        contacts.fetchMore({});
    EXPECT_EQ(contacts.rowCount(), 130);
    EXPECT_FALSE(contacts.canFetchMore({}));

    CustomFieldListModel fields(workspace->database(), QStringLiteral("contact"));
    QAbstractItemModelTester fieldsTester(&fields, QAbstractItemModelTester::FailureReportingMode::Fatal);
    define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("size")},
            {QStringLiteral("label"), QStringLiteral("Size")}, {QStringLiteral("type"), QStringLiteral("number")}});
    fields.reload();
    EXPECT_EQ(fields.rowCount(), 1);
    fields.setEntity(QStringLiteral("company"));
    EXPECT_EQ(fields.rowCount(), 0);
}

TEST_F(CompaniesPageTest, CreateSearchShowContactsAndRefuseDeletingALinkedCompany)
{
    const QString acme = addCompany(QStringLiteral("Acme Tools"), QStringLiteral("Hardware"));
    addCompany(QStringLiteral("Globex"));
    link(createContact(*workspace, QStringLiteral("Ada"), QStringLiteral("Lovelace")), acme);
    showPage();
    EXPECT_EQ(page->model()->rowCount(), 2);

    // New company through the dialog.
    page->newCompany();
    auto* dialog = waitForVisible<CompanyEditDialog>(QStringLiteral("companyEditDialog"));
    ASSERT_NE(dialog, nullptr);
    auto* save = child<QPushButton>(dialog, QStringLiteral("saveCompanyButton"));
    EXPECT_FALSE(save->isEnabled()) << "a company needs a name";
    typeInto(dialog->line(QStringLiteral("name")), QStringLiteral("Initech"));
    typeInto(dialog->line(QStringLiteral("domain")), QStringLiteral("not a domain"));
    EXPECT_FALSE(save->isEnabled());
    EXPECT_TRUE(child<MessageLabel>(dialog, QStringLiteral("domainError"))->isVisible());
    typeInto(dialog->line(QStringLiteral("domain")), QStringLiteral("initech.example"));
    click(save);
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 3; }));
    EXPECT_EQ(page->detail()->company()->name, QStringLiteral("Initech")) << "the new company is selected";

    // Search narrows; selecting shows the linked contacts.
    typeInto(page->searchField(), QStringLiteral("hard"));
    ASSERT_TRUE(waitUntil([&] { return page->model()->rowCount() == 1; }));
    ASSERT_TRUE(page->selectCompany(acme));
    EXPECT_EQ(child<QLabel>(page->detail(), QStringLiteral("detailName"))->text(), QStringLiteral("Acme Tools"));
    EXPECT_EQ(page->detail()->contactsModel()->rowCount(), 1);
    EXPECT_TRUE(child<QLabel>(page->detail(), QStringLiteral("contactsCaption"))->text().startsWith(QStringLiteral("1 contact")));

    // Deleting it is refused with the reason; it stays.
    page->deleteSelected();
    auto* confirm = waitForVisible<QMessageBox>(QStringLiteral("confirmDeleteBox"));
    ASSERT_NE(confirm, nullptr);
    click(child<QPushButton>(confirm, QStringLiteral("confirmDeleteButton")));
    auto* error = waitForVisible<QMessageBox>(QStringLiteral("deleteErrorBox"));
    ASSERT_NE(error, nullptr);
    EXPECT_TRUE(error->informativeText().contains(QStringLiteral("linked contact"))) << error->informativeText().toStdString();
    error->close();
    EXPECT_EQ(page->model()->rowCount(), 1);
    EXPECT_EQ(page->selectedId(), acme);
}

TEST_F(CompaniesPageTest, ContactDialogLinksACompanyAndEditsLabelsTagsAndCustomFields)
{
    const QString acme = addCompany(QStringLiteral("Acme Tools"));
    define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("tier")},
            {QStringLiteral("label"), QStringLiteral("Tier")}, {QStringLiteral("type"), QStringLiteral("choice")},
            {QStringLiteral("options"), QJsonArray{QStringLiteral("Gold"), QStringLiteral("Silver")}}});
    define({{QStringLiteral("entity"), QStringLiteral("contact")}, {QStringLiteral("key"), QStringLiteral("employees")},
            {QStringLiteral("label"), QStringLiteral("Employees")}, {QStringLiteral("type"), QStringLiteral("number")},
            {QStringLiteral("rules"), QJsonObject{{QStringLiteral("max"), 1000}}}});

    Contact contact;
    auto* dialog = new ContactEditDialog(*workspace, contact);
    dialog->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(dialog));
    typeInto(child<QLineEdit>(dialog, QStringLiteral("lastNameEdit")), QStringLiteral("Hopper"));

    // The picker finds the company as you type and fills the free-text company.
    CompanyPicker* picker = dialog->companyPicker();
    QLineEdit* pickerEdit = picker->lineEdit();
    pickerEdit->setFocus();
    QTest::keyClicks(pickerEdit, QStringLiteral("acm"));
    QCompleter* completer = pickerEdit->completer();
    ASSERT_TRUE(waitUntil([&] { return completer->completionModel()->rowCount() == 1; }));
    emit completer->activated(completer->completionModel()->index(0, 0));
    EXPECT_EQ(picker->companyId(), acme);
    EXPECT_EQ(child<QLineEdit>(dialog, QStringLiteral("companyEdit"))->text(), QStringLiteral("Acme Tools"));

    typeInto(child<QLineEdit>(dialog, QStringLiteral("tagsEdit")), QStringLiteral("vip, partner"));

    // Another e-mail with a label, on the second tab.
    dialog->tabs()->setCurrentIndex(1);
    LabelledValuesEditor* emails = dialog->otherEmailsEditor();
    click(child<QPushButton>(emails, QStringLiteral("addEntryButton")));
    ASSERT_EQ(emails->rowCount(), 1);
    auto* save = child<QPushButton>(dialog, QStringLiteral("saveContactButton"));
    auto* emailLine = child<QWidget>(emails, QStringLiteral("entryRow0"))->findChild<QLineEdit*>(QString(), Qt::FindDirectChildrenOnly);
    ASSERT_NE(emailLine, nullptr);
    typeInto(emailLine, QStringLiteral("grace@navy"));
    EXPECT_FALSE(save->isEnabled()) << "an invalid other e-mail blocks saving";
    EXPECT_TRUE(child<MessageLabel>(dialog, QStringLiteral("otherEmailsError"))->isVisible());
    typeInto(emailLine, QStringLiteral("grace@navy.example"));

    // Custom fields, validated as typed.
    dialog->tabs()->setCurrentIndex(2);
    CustomFieldsForm* custom = dialog->customFields();
    ASSERT_NE(custom, nullptr);
    auto* employees = child<QLineEdit>(custom, QStringLiteral("custom_employees"));
    typeInto(employees, QStringLiteral("5000"));
    EXPECT_FALSE(save->isEnabled());
    EXPECT_TRUE(child<MessageLabel>(custom, QStringLiteral("custom_employeesError"))->text().contains(QStringLiteral("at most")));
    typeInto(employees, QStringLiteral("250"));
    auto* tier = child<QComboBox>(custom, QStringLiteral("custom_tier"));
    tier->setCurrentIndex(tier->findData(QStringLiteral("Gold")));
    ASSERT_TRUE(save->isEnabled());
    click(save);
    ASSERT_FALSE(dialog->savedId().isEmpty());

    auto stored = workspace->contacts().find(dialog->savedId());
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ(stored->value().companyId, acme);
    EXPECT_EQ(stored->value().tags, QStringLiteral("vip,partner"));
    EXPECT_EQ(LabelledValues::values(stored->value().otherEmails).first().value, QStringLiteral("grace@navy.example"));
    QSqlDatabase conn = workspace->database().connection();
    auto values = CustomFields::valuesOf(conn, dialog->savedId());
    ASSERT_TRUE(values.ok());
    EXPECT_EQ(values->value(QStringLiteral("custom.employees")).toDouble(), 250);
    EXPECT_EQ(values->value(QStringLiteral("custom.tier")).toString(), QStringLiteral("Gold"));

    // Opened again, the dialog shows what was saved and has no changes.
    Contact saved = stored->value();
    auto* again = new ContactEditDialog(*workspace, saved);
    again->show();
    EXPECT_FALSE(again->hasChanges());
    EXPECT_EQ(again->companyPicker()->companyName(), QStringLiteral("Acme Tools"));
    EXPECT_EQ(child<QComboBox>(again->customFields(), QStringLiteral("custom_tier"))->currentText(), QStringLiteral("Gold"));
    delete again;
    delete dialog;
}

TEST_F(CompaniesPageTest, SettingsPageDefinesAndRetiresFields)
{
    CustomFieldsPage fieldsPage(*workspace);
    fieldsPage.resize(900, 500);
    fieldsPage.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&fieldsPage));
    EXPECT_TRUE(fieldsPage.mayDefine()) << "a profile without a team is its own admin";

    fieldsPage.newField();
    auto* dialog = waitForVisible<CustomFieldDialog>(QStringLiteral("customFieldDialog"));
    ASSERT_NE(dialog, nullptr);
    typeInto(dialog->labelEdit(), QStringLiteral("Shoe size (EU)"));
    EXPECT_EQ(dialog->keyEdit()->text(), QStringLiteral("shoe_size_eu"));
    dialog->typeCombo()->setCurrentIndex(dialog->typeCombo()->findData(QStringLiteral("choice")));
    auto* save = child<QPushButton>(dialog, QStringLiteral("saveFieldButton"));
    click(save);
    // A choice field without choices: refused, the dialog stays with the reason.
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_TRUE(dialog->message()->text().contains(QStringLiteral("choice"))) << dialog->message()->text().toStdString();
    dialog->optionsEdit()->setPlainText(QStringLiteral("38\n39\n40\n"));
    click(save);
    ASSERT_TRUE(waitUntil([&] { return fieldsPage.model()->rowCount() == 1; }));
    EXPECT_EQ(fieldsPage.model()->fieldAt(0)->options, (QStringList{QStringLiteral("38"), QStringLiteral("39"), QStringLiteral("40")}));

    fieldsPage.table()->setCurrentIndex(fieldsPage.model()->index(0, 0));
    fieldsPage.retireSelected();
    auto* confirm = waitForVisible<QMessageBox>(QStringLiteral("confirmRetireBox"));
    ASSERT_NE(confirm, nullptr);
    click(child<QPushButton>(confirm, QStringLiteral("confirmRetireButton")));
    ASSERT_TRUE(waitUntil([&] { return fieldsPage.model()->fieldAt(0) && fieldsPage.model()->fieldAt(0)->retired; }));
    EXPECT_FALSE(child<QPushButton>(&fieldsPage, QStringLiteral("editFieldButton"))->isEnabled());
}

TEST_F(CompaniesPageTest, ClickingATagListsTheContactsThatHaveIt)
{
    const QString ada = createContact(*workspace, QStringLiteral("Ada"), QStringLiteral("Lovelace"));
    createContact(*workspace, QStringLiteral("Alan"), QStringLiteral("Turing"));
    ASSERT_TRUE(workspace->mutations()
                    .submit(QStringLiteral("contact.update"),
                            QJsonObject{{QStringLiteral("id"), ada},
                                        {QStringLiteral("set"), QJsonObject{{QStringLiteral("tags"), QStringLiteral("key account")}}}})
                    .ok());
    ContactsPage contacts(*workspace);
    contacts.resize(1000, 600);
    contacts.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&contacts));
    ASSERT_TRUE(contacts.selectContact(ada));
    auto* tags = child<QLabel>(&contacts, QStringLiteral("detailTags"));
    ASSERT_TRUE(tags->isVisible());
    emit tags->linkActivated(QStringLiteral("key%20account"));
    EXPECT_EQ(contacts.searchField()->text(), QStringLiteral("#key account"));
    ASSERT_TRUE(waitUntil([&] { return contacts.model()->searchText() == QStringLiteral("#key account"); }));
    ASSERT_EQ(contacts.model()->rowCount(), 1);
    EXPECT_EQ(contacts.model()->idAt(0), ada);
}

} // namespace
