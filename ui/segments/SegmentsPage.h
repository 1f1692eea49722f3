#pragma once

#include "mutations/Mutation.h"
#include "segments/SegmentBulkEdit.h"
#include "shell/Page.h"

#include <QPointer>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QTableView;

namespace outpost {

class BackgroundJob;
class ContactRepository;
class MessageLabel;
class ProgressPanel;
class SegmentBulkEditDialog;
class SegmentContactsModel;
class SegmentCounter;
class SegmentListModel;
class SegmentRuleEditor;
class Workspace;

// Segments: the team's saved filters. Pick one (or start a new one), edit its rules (AND/OR groups of
// field / operator / value) with a live count of the contacts it matches (counted on a worker, debounced,
// an older count interrupted by a newer edit), see those contacts, save, rename, delete; export them
// (CSV, vCard) or bulk edit them (owner, tags) as one batch that can be undone.
class SegmentsPage : public Page
{
    Q_OBJECT
public:
    explicit SegmentsPage(Workspace& workspace, QWidget* parent = nullptr);
    ~SegmentsPage() override;

    QList<QAction*> newActions() const override;
    QString summary() const override;
    bool isBusy() const override;
    QString busyMessage() const override;

    SegmentListModel* listModel() const { return m_list; }
    SegmentContactsModel* contactsModel() const { return m_contacts; }
    SegmentRuleEditor* editor() const { return m_editor; }
    SegmentCounter* counter() const { return m_counter; }
    QListView* listView() const { return m_listView; }
    QLineEdit* nameField() const { return m_name; }
    QLabel* countLabel() const { return m_count; }
    QLabel* contactsState() const { return m_tableState; }
    QTableView* contactsTable() const { return m_table; }
    QPushButton* saveButton() const { return m_save; }
    SegmentBulkEditDialog* bulkEditDialog() const;
    // The contacts the current rules match; -1 while counting or when the rules are not valid.
    qint64 matchCount() const { return m_matches; }
    // The segment being edited (a new one has an id but is not saved yet).
    QString currentId() const { return m_currentId; }
    bool selectSegment(const QString& id);

public slots:
    void newSegment();
    bool save();
    void renameSelected();
    void deleteSelected();
    void exportContacts();
    void bulkEdit();
    void undoBulkEdit();

private:
    void showSegment(const QString& id);
    void rulesChanged();
    void counted(qint64 n);
    void countFailed(const QString& message);
    void updateButtons();
    void updateTableState();
    bool eventFilter(QObject* watched, QEvent* event) override;
    void onEntitiesChanged(const EntityChanges& changes);
    void undoFinished();

    Workspace& m_workspace;
    std::unique_ptr<ContactRepository> m_repository;
    SegmentListModel* m_list;
    SegmentContactsModel* m_contacts;
    SegmentCounter* m_counter;
    QListView* m_listView;
    QLineEdit* m_name;
    SegmentRuleEditor* m_editor;
    QLabel* m_count;
    MessageLabel* m_message;
    QTableView* m_table;
    QLabel* m_tableState; // over the contacts: loading, or none match
    QPushButton* m_save;
    QPushButton* m_rename;
    QPushButton* m_delete;
    QPushButton* m_export;
    QPushButton* m_bulk;
    QPushButton* m_undo;
    ProgressPanel* m_undoProgress;
    BackgroundJob* m_undoJob;
    QAction* m_newAction;
    QPointer<SegmentBulkEditDialog> m_bulkDialog;

    QString m_currentId;
    bool m_saved = false;                       // m_currentId is a saved segment
    std::optional<SegmentFilter::Sql> m_sql;     // the current rules, compiled (none while invalid)
    qint64 m_matches = -1;
    std::optional<SegmentBulkEdit::Outcome> m_lastBulkEdit; // to undo
    std::shared_ptr<Result<SegmentBulkEdit::Outcome>> m_undoResult;
};

} // namespace outpost
