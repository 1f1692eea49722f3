#include "contacts/ContactsPage.h"

#include "companies/CompanyRepository.h"
#include "contacts/ContactDetailPanel.h"
#include "timeline/TimelineView.h"
#include "contacts/ContactEditDialog.h"
#include "contacts/ContactListModel.h"
#include "customfields/CustomField.h"
#include "importexport/ImportExportActions.h"
#include "privacy/ConsentsPanel.h"
#include "privacy/EraseContactDialog.h"
#include "privacy/PersonExportDialog.h"
#include "profile/Workspace.h"
#include "tasks/ContactFollowUpActions.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace outpost {

namespace {
constexpr int SearchDelayMs = 150;
constexpr int RestoreFetchLimit = 5; // search pages fetched at most to find a contact to restore

int clampToInt(qint64 n)
{
    return static_cast<int>(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}
} // namespace

ContactsPage::ContactsPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_customFields(workspace.database(), QStringLiteral("contact"))
    , m_model(new ContactListModel(workspace.contacts(), workspace.database(), this))
    , m_search(new QLineEdit(this))
    , m_countLabel(new QLabel(this))
    , m_newButton(new QToolButton(this))
    , m_loadError(new MessageLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_table(new QTableView(m_splitter))
    , m_emptyState(new QLabel(m_table->viewport()))
    , m_detail(new ContactDetailPanel(m_splitter))
    , m_newAction(new QAction(themedIcon(QStringLiteral("user-add")), tr("&New Contact…"), this))
    , m_editAction(new QAction(themedIcon(QStringLiteral("edit")), tr("&Edit Contact…"), this))
    , m_deleteAction(new QAction(themedIcon(QStringLiteral("delete")), tr("&Delete Contact…"), this))
{
    m_search->setObjectName(QStringLiteral("contactSearch"));
    m_countLabel->setObjectName(QStringLiteral("contactCount"));
    m_newButton->setObjectName(QStringLiteral("newContactButton"));
    m_loadError->setObjectName(QStringLiteral("contactLoadError"));
    m_table->setObjectName(QStringLiteral("contactTable"));
    m_emptyState->setObjectName(QStringLiteral("contactEmptyState"));
    m_splitter->setObjectName(QStringLiteral("contactSplitter"));
    m_newAction->setObjectName(QStringLiteral("actionNewContact"));
    m_editAction->setObjectName(QStringLiteral("actionEditContact"));
    m_deleteAction->setObjectName(QStringLiteral("actionDeleteContact"));

    // Actions
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_newAction->setStatusTip(tr("Add a contact to this profile"));
    connect(m_newAction, &QAction::triggered, this, [this] {
        emit activationRequested();
        newContact();
    });
    connect(m_editAction, &QAction::triggered, this, &ContactsPage::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &ContactsPage::deleteSelected);
    m_followUps = new ContactFollowUpActions(workspace, this, [this] { return selectedId(); });

    // Search bar
    m_search->setPlaceholderText(tr("Search by name, e-mail, company, city, phone or notes; #tag for a tag"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(themedIcon(QStringLiteral("search")), QLineEdit::LeadingPosition);
    m_search->setToolTip(tr("Find contacts as you type (Ctrl+F). Words of three letters or more also search the notes. Esc "
                            "clears the search."));
    m_search->installEventFilter(this);
    m_searchDelay.setObjectName(QStringLiteral("contactSearchDelay"));
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, &ContactsPage::applySearch);
    m_countLabel->setMinimumWidth(m_countLabel->fontMetrics().horizontalAdvance(QStringLiteral("0,000,000 contacts")));
    m_countLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_newButton->setDefaultAction(m_newAction);
    m_newButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_newButton->setText(tr("New Contact"));
    m_newButton->setAutoRaise(false);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(10, 10, 10, 6);
    bar->addWidget(m_search, 1);
    bar->addSpacing(8);
    bar->addWidget(m_countLabel);
    bar->addSpacing(8);
    bar->addWidget(m_newButton);

    // Table
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(false);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setCornerButtonEnabled(false);
    m_table->setTabKeyNavigation(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionsClickable(false);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(60);
    header->setDefaultSectionSize(110);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
    m_table->setAccessibleName(tr("Contacts"));

    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setTextFormat(Qt::PlainText);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyState->hide();

    m_splitter->addWidget(m_table);
    // The selected contact's timeline (calls, meetings, e-mails, notes, score changes) under its details.
    auto* detailSplitter = new QSplitter(Qt::Vertical, m_splitter);
    detailSplitter->addWidget(m_detail);
    m_timeline = new TimelineView(m_workspace, detailSplitter);
    m_timeline->setObjectName(QStringLiteral("contactTimeline"));
    detailSplitter->addWidget(m_timeline);
    detailSplitter->setStretchFactor(0, 3);
    detailSplitter->setStretchFactor(1, 2);
    detailSplitter->setSizes({480, 240});
    m_splitter->addWidget(detailSplitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(0, false);
    m_splitter->setSizes({820, 320});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_loadError);
    layout->addWidget(m_splitter, 1);
    m_loadError->setContentsMargins(10, 0, 10, 6);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { editSelected(); });
    connect(m_detail, &ContactDetailPanel::tagActivated, this,
            [this](const QString& tag) { m_search->setText(QStringLiteral("#") + tag); });
    connect(m_detail, &ContactDetailPanel::editRequested, this, &ContactsPage::editSelected);
    connect(m_detail, &ContactDetailPanel::deleteRequested, this, &ContactsPage::deleteSelected);
    connect(m_detail, &ContactDetailPanel::exportPersonRequested, this, &ContactsPage::exportPersonOfSelected);
    connect(m_detail, &ContactDetailPanel::erasePersonRequested, this, &ContactsPage::eraseSelected);
    m_consents = new ConsentsPanel(workspace, m_detail);
    m_detail->addSection(m_consents);
    connect(m_model, &ContactListModel::totalChanged, this, [this] {
        updateCountLabel();
        updateEmptyState();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ContactsPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ContactsPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ContactsPage::updateEmptyState);
    connect(m_model, &ContactListModel::loadFailed, this, [this](const QString& message) {
        m_loadError->showError(tr("Some contacts could not be read: %1").arg(message));
    });
    connect(&workspace.mutations(), &MutationEngine::changed, this, &ContactsPage::onEntitiesChanged);
    m_refreshQuiet.setSingleShot(true);
    m_refreshQuiet.setInterval(kRefreshCoalesceMs);
    connect(&m_refreshQuiet, &QTimer::timeout, this, [this] {
        if (m_refreshPending)
            refreshAfterChanges();
    });

    // Import and export work on this list: export takes its search, import and undo change it.
    m_importExport = new ImportExportActions(
        workspace, this,
        [this] {
            if (m_searchDelay.isActive())
                applySearch();
            ExportDialog::Scope scope;
            scope.search = m_model->searchText();
            scope.matches = m_model->isSearching() ? m_model->totalMatches() : -1;
            scope.all = m_model->isSearching() ? m_totalContacts : m_model->totalMatches();
            return scope;
        },
        this);
    connect(m_importExport, &ImportExportActions::activationRequested, this, &Page::activationRequested);
    connect(m_importExport, &ImportExportActions::busyChanged, this, &Page::busyChanged);

    refreshTotal();
    updateCountLabel();
    updateEmptyState();
    updateActions();
}

ContactsPage::~ContactsPage()
{
    // An open editor refers to the mutation engine: close it with the page.
    delete m_editDialog;
}

ContactEditDialog* ContactsPage::editDialog() const
{
    return m_editDialog;
}

QList<QAction*> ContactsPage::newActions() const
{
    return {m_newAction};
}

QList<QAction*> ContactsPage::fileActions() const
{
    return m_importExport->actions();
}

bool ContactsPage::isBusy() const
{
    return m_importExport->isBusy() || (m_eraseDialog && m_eraseDialog->isRunning())
           || (m_personExportDialog && m_personExportDialog->isRunning());
}

QString ContactsPage::busyMessage() const
{
    if (m_eraseDialog && m_eraseDialog->isRunning())
        return tr("A person is being erased; it finishes in a moment and cannot be stopped half-way.");
    if (m_personExportDialog && m_personExportDialog->isRunning())
        return tr("Personal data is being exported; cancel it in its window.");
    return m_importExport->busyMessage();
}

QList<QAction*> ContactsPage::editActions() const
{
    return QList<QAction*>{m_editAction, m_deleteAction} + m_followUps->actions();
}

void ContactsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QString ContactsPage::selectedId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return m_model->idAt(current.row());
}

QString ContactsPage::summary() const
{
    return tr("%Ln contact(s)", nullptr, clampToInt(m_totalContacts));
}

void ContactsPage::refreshTotal()
{
    if (!m_model->isSearching()) {
        m_totalContacts = m_model->totalMatches();
    } else if (auto n = m_workspace.contacts().count()) {
        m_totalContacts = n.value();
    }
    emit summaryChanged(summary());
}

void ContactsPage::updateCountLabel()
{
    const qint64 total = m_model->totalMatches();
    if (total < 0 && m_model->countFailed())
        m_countLabel->setText(tr("Not counted")); // the message above says why
    else if (total < 0)
        m_countLabel->setText(tr("Counting…"));
    else if (m_model->isSearching())
        m_countLabel->setText(tr("%Ln match(es)", nullptr, clampToInt(total)));
    else
        m_countLabel->setText(tr("%Ln contact(s)", nullptr, clampToInt(total)));
}

void ContactsPage::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        if (m_model->isSearching())
            m_emptyState->setText(tr("No contacts match \u201c%1\u201d.\nCheck the spelling, or search for part of a "
                                     "name, an e-mail address, a company, a city or a phone number.")
                                      .arg(m_search->text().trimmed()));
        else
            m_emptyState->setText(tr("No contacts yet.\nClick New Contact or press Ctrl+N to add the first one."));
        m_emptyState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    }
    m_emptyState->setVisible(empty);
}

void ContactsPage::updateActions()
{
    const bool selected = !selectedId().isEmpty();
    m_editAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    m_followUps->setEnabled(selected);
}

void ContactsPage::applySearch()
{
    m_searchDelay.stop();
    m_loadError->clearMessage();
    const QString selected = selectedId();
    m_model->setSearchText(m_search->text());
    const int row = selected.isEmpty() ? -1 : findRow(selected, 0);
    selectRow(row);
    if (row < 0)
        m_table->scrollToTop();
    updateCountLabel();
    updateEmptyState();
}

int ContactsPage::findRow(const QString& id, int maxFetches)
{
    if (id.isEmpty())
        return -1;
    if (!m_model->isSearching()) {
        // Browsing shows the whole name order: a cheap position lookup.
        auto position = m_workspace.contacts().positionOf(id);
        return position && position.value() >= 0 && position.value() < m_model->rowCount()
                   ? static_cast<int>(position.value())
                   : -1;
    }
    // Searching: look through what is loaded, fetching at most a few more pages (never the whole result).
    int from = 0;
    for (int fetches = 0;; ++fetches) {
        const int rows = m_model->rowCount();
        for (int r = from; r < rows; ++r)
            if (m_model->idAt(r) == id)
                return r;
        from = rows;
        if (fetches >= maxFetches || !m_model->canFetchMore({}))
            return -1;
        m_model->fetchMore({});
    }
}

bool ContactsPage::selectContact(const QString& id)
{
    const int row = findRow(id, RestoreFetchLimit);
    if (row < 0)
        return false;
    selectRow(row);
    m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::EnsureVisible);
    return true;
}

void ContactsPage::selectRow(int row)
{
    QItemSelectionModel* selection = m_table->selectionModel();
    if (row < 0 || row >= m_model->rowCount()) {
        selection->clearSelection();
        selection->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
        onCurrentChanged(QModelIndex());
        return;
    }
    const QModelIndex index = m_model->index(row, ContactListModel::NameColumn);
    const bool same = selection->currentIndex().row() == row;
    selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (same)
        onCurrentChanged(index); // same row, maybe another contact or changed fields: refresh the details
}

void ContactsPage::onCurrentChanged(const QModelIndex& current)
{
    showDetailFor(current.isValid() ? m_model->idAt(current.row()) : QString());
    updateActions();
}

void ContactsPage::showDetailFor(const QString& id)
{
    m_timeline->setSubject(QStringLiteral("contact"), id);
    m_consents->setContact(id);
    if (id.isEmpty()) {
        m_detail->showContact(std::nullopt);
        return;
    }
    auto found = m_workspace.contacts().find(id);
    if (!found) {
        m_loadError->showError(tr("The contact could not be read: %1").arg(found.message()));
        m_detail->showContact(std::nullopt);
        return;
    }
    ContactDetailPanel::Extras extras;
    if (found.value()) {
        QSqlDatabase conn = m_workspace.database().connection();
        if (!found.value()->companyId.isEmpty()) {
            auto company = CompanyRepository(m_workspace.database()).find(found.value()->companyId);
            if (company && company->has_value())
                extras.companyName = company->value().name;
        }
        auto fields = m_customFields.definitions();
        auto values = CustomFields::valuesOf(conn, id);
        if (fields && values) {
            extras.fields = fields.value();
            extras.custom = values.value();
        }
    }
    m_detail->showContact(found.value(), extras);
}

void ContactsPage::onEntitiesChanged(const EntityChanges& changes)
{
    const bool touchesContacts = std::any_of(changes.cbegin(), changes.cend(), [](const EntityChange& c) {
        return c.entity == QLatin1String("contact");
    });
    if (m_customFields.onEntitiesChanged(changes) && !touchesContacts)
        showDetailFor(selectedId()); // its custom values under the new definitions
    if (!touchesContacts)
        return;
    // A change (an edit here) shows at once. Changes that follow within kRefreshCoalesceMs of a refresh —
    // the pages of a sync catching up, one notification after another — are gathered into one refresh at
    // the end of that time: at most one read of the list per kRefreshCoalesceMs, never one per
    // notification. (An import or an undo is one batch and sends one notification for all its rows.)
    if (m_refreshQuiet.isActive()) {
        m_refreshPending = true;
        return;
    }
    refreshAfterChanges();
}

void ContactsPage::flushPendingRefresh()
{
    if (m_refreshPending)
        refreshAfterChanges();
}

void ContactsPage::refreshAfterChanges()
{
    m_refreshPending = false;
    ++m_refreshCount;
    m_refreshQuiet.start();
    const QString selected = selectedId();
    const int oldRow = m_table->selectionModel()->currentIndex().row();
    m_model->reload(); // a reset; the view keeps its scroll position
    refreshTotal();
    if (!selected.isEmpty()) {
        int row = findRow(selected, 0);
        if (row >= 0) {
            selectRow(row);
            m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::EnsureVisible);
        } else if (oldRow >= 0 && m_model->rowCount() > 0) {
            // The selected contact is gone: select the one that took its place.
            selectRow(std::min(oldRow, m_model->rowCount() - 1));
        } else {
            selectRow(-1);
        }
    }
    updateCountLabel();
    updateEmptyState();
}

void ContactsPage::newContact()
{
    openEditor(Contact());
}

void ContactsPage::editSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto found = m_workspace.contacts().find(id);
    if (!found || !found.value()) {
        m_loadError->showError(found ? tr("This contact no longer exists.")
                                     : tr("The contact could not be read: %1").arg(found.message()));
        return;
    }
    openEditor(*found.value());
}

void ContactsPage::openEditor(const Contact& contact)
{
    if (m_editDialog) {
        m_editDialog->raise();
        m_editDialog->activateWindow();
        return;
    }
    showEditor(new ContactEditDialog(m_workspace, contact, this));
}

void ContactsPage::showEditor(ContactEditDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_editDialog = dialog;
    connect(dialog, &ContactEditDialog::saved, this,
            [this, dialog](const QString& id) { contactSaved(id, dialog->isNew()); });
    dialog->open();
}

void ContactsPage::contactSaved(const QString& id, bool created)
{
    flushPendingRefresh(); // the saved contact must be in the list to be selected
    if (created && m_model->isSearching()) {
        // Show the new contact in the whole list rather than hide it behind a search it may not match.
        m_search->blockSignals(true);
        m_search->clear();
        m_search->blockSignals(false);
        applySearch();
    }
    const int row = findRow(id, RestoreFetchLimit);
    if (row >= 0) {
        selectRow(row);
        m_table->scrollTo(m_model->index(row, 0), created ? QAbstractItemView::PositionAtCenter
                                                           : QAbstractItemView::EnsureVisible);
    }
    m_table->setFocus();
}

void ContactsPage::deleteSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    const QString name = m_detail->contact() && m_detail->contact()->id == id
                             ? m_detail->contact()->displayName()
                             : m_model->data(m_model->index(m_table->currentIndex().row(), 0)).toString();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete Contact"), tr("Delete \u201c%1\u201d?").arg(name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmDeleteBox"));
    box->setInformativeText(tr("The contact and its details are removed from this profile. This cannot be undone."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelDeleteButton"));
    box->setDefaultButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, id, remove](QAbstractButton* clicked) {
        if (clicked != remove)
            return;
        auto result = m_workspace.mutations().submit(QStringLiteral("contact.delete"),
                                                     QJsonObject{{QStringLiteral("id"), id}});
        if (!result) {
            auto* error = new QMessageBox(QMessageBox::Warning, tr("Delete Contact"),
                                          tr("The contact was not deleted."), QMessageBox::Ok, this);
            error->setObjectName(QStringLiteral("deleteErrorBox"));
            error->setInformativeText(result.message());
            error->setAttribute(Qt::WA_DeleteOnClose);
            error->open();
        }
        m_table->setFocus();
    });
    box->open();
}

void ContactsPage::exportPersonOfSelected()
{
    if (!m_detail->contact())
        return;
    auto* dialog = new PersonExportDialog(m_workspace, m_detail->contact()->id, m_detail->contact()->displayName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_personExportDialog = dialog;
    connect(dialog, &PersonExportDialog::busyChanged, this, &Page::busyChanged);
    dialog->open();
}

void ContactsPage::eraseSelected()
{
    if (!m_detail->contact())
        return;
    auto* dialog = new EraseContactDialog(m_workspace, m_detail->contact()->id, m_detail->contact()->displayName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_eraseDialog = dialog;
    connect(dialog, &EraseContactDialog::busyChanged, this, &Page::busyChanged);
    dialog->open();
}

QVariantMap ContactsPage::viewState(bool forDisk) const
{
    QVariantMap state;
    state.insert(QStringLiteral("selectedId"), selectedId());
    state.insert(QStringLiteral("splitter"), m_splitter->saveState());
    state.insert(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    if (!forDisk) {
        state.insert(QStringLiteral("search"), m_search->text());
        state.insert(QStringLiteral("scroll"), m_table->verticalScrollBar()->value());
        // An open editor, with what was typed: a lock closes it, the unlock opens it again. Personal data,
        // so in the in-memory state only.
        if (m_editDialog)
            state.insert(QStringLiteral("editor"), m_editDialog->formState());
    }
    return state;
}

void ContactsPage::restoreViewState(const QVariantMap& state)
{
    if (const QByteArray s = state.value(QStringLiteral("splitter")).toByteArray(); !s.isEmpty())
        m_splitter->restoreState(s);
    if (const QByteArray h = state.value(QStringLiteral("header")).toByteArray(); !h.isEmpty())
        m_columnsSized = m_table->horizontalHeader()->restoreState(h);
    const QString search = state.value(QStringLiteral("search")).toString();
    if (!search.isEmpty()) {
        m_search->blockSignals(true);
        m_search->setText(search);
        m_search->blockSignals(false);
        applySearch();
    }
    const QString id = state.value(QStringLiteral("selectedId")).toString();
    const int row = findRow(id, RestoreFetchLimit);
    selectRow(row);
    const bool hasScroll = state.contains(QStringLiteral("scroll"));
    const int scroll = state.value(QStringLiteral("scroll")).toInt();
    // The view has its final size only once the window is laid out.
    const QVariantMap editor = state.value(QStringLiteral("editor")).toMap();
    QTimer::singleShot(0, this, [this, row, hasScroll, scroll, editor] {
        if (hasScroll)
            m_table->verticalScrollBar()->setValue(scroll);
        if (row >= 0 && row < m_model->rowCount())
            m_table->scrollTo(m_model->index(row, 0), hasScroll ? QAbstractItemView::EnsureVisible
                                                                : QAbstractItemView::PositionAtCenter);
        // Over the window, once it is shown again.
        if (!m_editDialog && !editor.isEmpty())
            if (ContactEditDialog* dialog = ContactEditDialog::fromFormState(m_workspace, editor, this))
                showEditor(dialog);
    });
}

void ContactsPage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    if (!m_columnsSized) {
        m_columnsSized = true;
        // Once laid out, share the width among the columns (until the user sizes them; that is kept).
        QTimer::singleShot(0, this, &ContactsPage::fitColumns);
    }
}

void ContactsPage::fitColumns()
{
    // Leave room for the vertical scroll bar even before it shows, so no horizontal one appears.
    const QScrollBar* vertical = m_table->verticalScrollBar();
    const int width = m_table->viewport()->width() - (vertical->isVisible() ? 0 : vertical->sizeHint().width());
    if (width <= 0)
        return;
    QHeaderView* header = m_table->horizontalHeader();
    // The last column (city) stretches over what is left, but never below the header's default size.
    const int available = std::max(0, width - header->defaultSectionSize());
    const std::pair<int, double> shares[] = {{ContactListModel::NameColumn, 0.26},
                                             {ContactListModel::EmailColumn, 0.31},
                                             {ContactListModel::PhoneColumn, 0.21},
                                             {ContactListModel::CompanyColumn, 0.22}};
    for (const auto& [column, share] : shares)
        header->resizeSection(column, std::max(header->minimumSectionSize(), int(available * share * 0.97)));
}

bool ContactsPage::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool plain = (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
        if (watched == m_table && plain) {
            if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
                editSelected();
                return true;
            }
            if (key->key() == Qt::Key_Delete) {
                deleteSelected();
                return true;
            }
        }
        if (watched == m_search && plain) {
            if (key->key() == Qt::Key_Escape) {
                if (!m_search->text().isEmpty()) {
                    m_search->clear();
                    applySearch();
                } else if (m_model->rowCount() > 0) {
                    m_table->setFocus();
                }
                return true;
            }
            if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
                && m_model->rowCount() > 0) {
                if (m_searchDelay.isActive())
                    applySearch();
                if (selectedId().isEmpty())
                    selectRow(0);
                m_table->setFocus();
                return true;
            }
        }
    } else if (event->type() == QEvent::Resize && watched == m_table->viewport()) {
        m_emptyState->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    }
    return Page::eventFilter(watched, event);
}

} // namespace outpost
