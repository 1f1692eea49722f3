#include "companies/CompaniesPage.h"

#include "companies/CompanyContactsModel.h"
#include "companies/CompanyDetailPanel.h"
#include "companies/CompanyEditDialog.h"
#include "companies/CompanyListModel.h"
#include "companies/CompanyRepository.h"
#include "customfields/CustomField.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace outpost {

namespace {
constexpr int kSearchDelayMs = 150;
constexpr int kSelectFetchLimit = 5; // pages fetched at most to find a company to select
} // namespace

CompaniesPage::CompaniesPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_customFields(workspace.database(), QStringLiteral("company"))
    , m_repository(std::make_unique<CompanyRepository>(workspace.database()))
    , m_model(new CompanyListModel(*m_repository, this))
    , m_search(new QLineEdit(this))
    , m_countLabel(new QLabel(this))
    , m_message(new MessageLabel(this))
    , m_table(new QTableView(this))
    , m_detail(new CompanyDetailPanel(*m_repository, this))
    , m_newAction(new QAction(themedIcon(QStringLiteral("add")), tr("New &Company…"), this))
    , m_editAction(new QAction(themedIcon(QStringLiteral("edit")), tr("&Edit Company…"), this))
    , m_deleteAction(new QAction(themedIcon(QStringLiteral("delete")), tr("&Delete Company…"), this))
{
    setObjectName(QStringLiteral("companiesPage"));
    m_search->setObjectName(QStringLiteral("companySearch"));
    m_countLabel->setObjectName(QStringLiteral("companyCount"));
    m_table->setObjectName(QStringLiteral("companyTable"));
    m_message->setObjectName(QStringLiteral("companyMessage"));
    m_newAction->setObjectName(QStringLiteral("actionNewCompany"));
    m_editAction->setObjectName(QStringLiteral("actionEditCompany"));
    m_deleteAction->setObjectName(QStringLiteral("actionDeleteCompany"));
    m_newAction->setStatusTip(tr("Add a company to this profile"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        emit activationRequested();
        newCompany();
    });
    connect(m_editAction, &QAction::triggered, this, &CompaniesPage::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &CompaniesPage::deleteSelected);

    m_search->setPlaceholderText(tr("Search by name, web site, city or industry"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearchText(m_search->text()); });
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* newButton = new QToolButton(this);
    newButton->setObjectName(QStringLiteral("newCompanyButton"));
    newButton->setDefaultAction(m_newAction);
    newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    newButton->setText(tr("New Company"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(10, 10, 10, 6);
    bar->addWidget(m_search, 1);
    bar->addSpacing(8);
    bar->addWidget(m_countLabel);
    bar->addSpacing(8);
    bar->addWidget(newButton);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(CompanyListModel::NameColumn, 220);
    m_table->horizontalHeader()->resizeSection(CompanyListModel::IndustryColumn, 140);
    m_table->horizontalHeader()->resizeSection(CompanyListModel::CityColumn, 120);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("companySplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_model, &CompanyListModel::totalChanged, this, &CompaniesPage::updateCount);
    connect(m_model, &CompanyListModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_detail->contactsModel(), &CompanyContactsModel::loadFailed, m_message, &MessageLabel::showError);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showDetailFor(QString()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showDetailFor(m_model->idAt(current.row())); });
    connect(m_table, &QTableView::activated, this, &CompaniesPage::editSelected);
    connect(m_detail, &CompanyDetailPanel::editRequested, this, &CompaniesPage::editSelected);
    connect(m_detail, &CompanyDetailPanel::deleteRequested, this, &CompaniesPage::deleteSelected);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &CompaniesPage::onEntitiesChanged);
    updateCount();
    showDetailFor(QString());
}

CompaniesPage::~CompaniesPage() = default;

QList<QAction*> CompaniesPage::newActions() const
{
    return {m_newAction};
}

QList<QAction*> CompaniesPage::editActions() const
{
    return {m_editAction, m_deleteAction};
}

void CompaniesPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

QString CompaniesPage::summary() const
{
    return tr("%Ln company(ies)", nullptr, int(m_model->total()));
}

QString CompaniesPage::selectedId() const
{
    return m_model->idAt(m_table->currentIndex().row());
}

bool CompaniesPage::selectCompany(const QString& id)
{
    int row = m_model->rowOf(id);
    for (int i = 0; row < 0 && i < kSelectFetchLimit && m_model->canFetchMore({}); ++i) {
        m_model->fetchMore({});
        row = m_model->rowOf(id);
    }
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void CompaniesPage::updateCount()
{
    m_countLabel->setText(summary());
    emit summaryChanged(summary());
}

void CompaniesPage::showDetailFor(const QString& id)
{
    m_editAction->setEnabled(!id.isEmpty());
    m_deleteAction->setEnabled(!id.isEmpty());
    if (id.isEmpty()) {
        m_detail->showCompany(std::nullopt);
        return;
    }
    auto company = m_repository->find(id);
    if (!company) {
        m_message->showError(company.message());
        return;
    }
    QSqlDatabase conn = m_workspace.database().connection();
    auto fields = m_customFields.definitions();
    auto values = CustomFields::valuesOf(conn, id);
    m_detail->showCompany(company.value(), fields ? fields.value() : QList<CustomField>(),
                          values ? values.value() : QJsonObject());
}

void CompaniesPage::onEntitiesChanged(const EntityChanges& changes)
{
    bool relevant = m_customFields.onEntitiesChanged(changes); // the detail shows them
    for (const EntityChange& c : changes)
        relevant = relevant || c.entity == QLatin1String("company") || c.entity == QLatin1String("contact");
    if (!relevant)
        return;
    const QString selected = selectedId();
    m_model->onEntitiesChanged(changes);
    if (!selected.isEmpty() && !selectCompany(selected))
        showDetailFor(QString());
    else if (!selected.isEmpty())
        showDetailFor(selected); // its contacts may have changed
}

void CompaniesPage::newCompany()
{
    openEditor(Company());
}

void CompaniesPage::editSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto found = m_repository->find(id);
    if (!found || !found.value()) {
        m_message->showError(found ? tr("This company no longer exists.") : found.message());
        return;
    }
    openEditor(*found.value());
}

void CompaniesPage::openEditor(const Company& company)
{
    auto* dialog = new CompanyEditDialog(m_workspace, company, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CompanyEditDialog::saved, this, [this](const QString& id) {
        if (!selectCompany(id)) {
            m_search->clear();
            m_model->setSearchText(QString());
            selectCompany(id);
        }
    });
    dialog->open();
}

void CompaniesPage::deleteSelected()
{
    const QString id = selectedId();
    if (id.isEmpty() || !m_detail->company())
        return;
    const QString name = m_detail->company()->name;
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete Company"), tr("Delete \u201c%1\u201d?").arg(name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setInformativeText(tr("The company and its details are removed. This cannot be undone."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::buttonClicked, this, [this, id, remove](QAbstractButton* clicked) {
        if (clicked != remove)
            return;
        auto result = m_workspace.mutations().submit(QStringLiteral("company.delete"), QJsonObject{{QStringLiteral("id"), id}});
        if (!result) {
            auto* error = new QMessageBox(QMessageBox::Warning, tr("Delete Company"), tr("The company was not deleted."),
                                          QMessageBox::Ok, this);
            error->setObjectName(QStringLiteral("deleteErrorBox"));
            error->setInformativeText(result.message());
            error->setAttribute(Qt::WA_DeleteOnClose);
            error->open();
        }
    });
    box->open();
}

} // namespace outpost
