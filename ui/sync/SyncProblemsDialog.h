#pragma once

#include "replication/SyncProblems.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;

namespace outpost {

class MessageLabel;
class SyncProblemsModel;
class Workspace;

// The Sync problems panel (a window of its own, opened from the sync indicator): conflicts — a value
// someone replaced, which either user can restore or accept — and changes the server refused, with its
// reason, which the user can edit and send again or discard.
class SyncProblemsDialog : public QDialog
{
    Q_OBJECT
public:
    // `me`: the signed-in user's id ("your value" / "another user's").
    SyncProblemsDialog(Workspace& workspace, const QString& me, QWidget* parent = nullptr);
    ~SyncProblemsDialog() override;

    SyncProblemsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    void selectRow(int row);

public slots:
    void reload();

    // The actions on the selected row (public for tests; the buttons call them).
    void restoreSelected();
    void keepSelected();
    void editSelected();
    void discardSelected();

signals:
    // Something was resolved, retried or discarded (sync soon; update the problem count).
    void problemsChanged();

private:
    int currentRow() const;
    void updateButtons();
    void resolve(SyncProblems::Resolution resolution);
    void openGenericRetry(const SyncRejection& r);

    Workspace& m_workspace;
    std::unique_ptr<SyncProblems> m_problems;
    SyncProblemsModel* m_model;
    QTableView* m_view;
    QLabel* m_empty;
    QLabel* m_detail;
    MessageLabel* m_message;
    QPushButton* m_restore;
    QPushButton* m_keep;
    QPushButton* m_edit;
    QPushButton* m_discard;
};

} // namespace outpost
