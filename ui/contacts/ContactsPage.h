#pragma once

#include "customfields/CustomFieldDefinitionCache.h"
#include "mutations/Mutation.h"
#include "shell/Page.h"

#include <QPointer>
#include <QTimer>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QSplitter;
class QTableView;
class QToolButton;

namespace outpost {

class ConsentsPanel;
class EraseContactDialog;
class PersonExportDialog;
class ContactDetailPanel;
class TimelineView;
class ContactFollowUpActions;
class ContactEditDialog;
class ContactListModel;
class ImportExportActions;
class MessageLabel;
class Workspace;

// Contacts: search-as-you-type over a lazy list of any size, the selected contact's details, and
// create / edit / delete through the contact mutations.
class ContactsPage : public Page
{
    Q_OBJECT
public:
    explicit ContactsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~ContactsPage() override;

    QList<QAction*> newActions() const override;
    QList<QAction*> fileActions() const override;
    QList<QAction*> editActions() const override;
    void focusSearch() override;
    QVariantMap viewState(bool forDisk) const override;
    void restoreViewState(const QVariantMap& state) override;
    QString summary() const override;
    bool isBusy() const override;
    QString busyMessage() const override;

    ContactListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    QString selectedId() const;
    // Selects and shows the contact if it is in the current list (fetching a bounded number of search pages).
    bool selectContact(const QString& id);
    // The open create/edit dialog, if any.
    ContactEditDialog* editDialog() const;
    // Import, import history and export (File menu).
    ImportExportActions* importExport() const { return m_importExport; }
    // How many times the list was read again after changes (tests: bursts of changes are coalesced).
    int refreshCount() const { return m_refreshCount; }

    // Changes arriving within this long of a refresh are gathered into one refresh at its end.
    static constexpr int kRefreshCoalesceMs = 250;

public slots:
    void newContact();
    void editSelected();
    void deleteSelected();
    void exportPersonOfSelected();
    void eraseSelected();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void applySearch();
    void onEntitiesChanged(const EntityChanges& changes);
    void refreshAfterChanges();
    void flushPendingRefresh();
    void onCurrentChanged(const QModelIndex& current);
    void showDetailFor(const QString& id);
    void updateCountLabel();
    void updateEmptyState();
    void updateActions();
    void refreshTotal();
    int findRow(const QString& id, int maxFetches);
    void selectRow(int row);
    void openEditor(const class Contact& contact);
    void showEditor(ContactEditDialog* dialog);
    void contactSaved(const QString& id, bool created);
    void fitColumns();

    Workspace& m_workspace;
    CustomFieldDefinitionCache m_customFields; // shown beside the selected contact
    ContactListModel* m_model;
    QLineEdit* m_search;
    QLabel* m_countLabel;
    QToolButton* m_newButton;
    MessageLabel* m_loadError;
    QSplitter* m_splitter;
    QTableView* m_table;
    QLabel* m_emptyState;
    ContactDetailPanel* m_detail;
    TimelineView* m_timeline = nullptr;
    QAction* m_newAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
    QTimer m_searchDelay{this}; // a child, named, so a benchmark can time a search from when it fires
    QTimer m_refreshQuiet; // runs for kRefreshCoalesceMs after a refresh
    bool m_refreshPending = false;
    int m_refreshCount = 0;
    ImportExportActions* m_importExport = nullptr;
    ConsentsPanel* m_consents = nullptr;
    QPointer<EraseContactDialog> m_eraseDialog;
    QPointer<PersonExportDialog> m_personExportDialog;
    ContactFollowUpActions* m_followUps = nullptr; // add a task or a deal for the selected contact
    QPointer<ContactEditDialog> m_editDialog;
    qint64 m_totalContacts = 0;
    bool m_columnsSized = false; // by restoreViewState() or fitColumns()
};

} // namespace outpost
