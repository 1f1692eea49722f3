#pragma once

#include "mutations/Mutation.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QToolButton;

namespace outpost {

class ConsentListModel;
class MessageLabel;
class Workspace;

// The consents section of a contact's details: the list (expired and withdrawn ones greyed, saying so) with
// Record…, Edit… and Withdraw…; a line saying there are none instead of an empty table; foldable. Follows consent changes made anywhere (MutationEngine::changed).
class ConsentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConsentsPanel(Workspace& workspace, QWidget* parent = nullptr);

    void setContact(const QString& contactId);
    ConsentListModel* model() const { return m_model; }
    // The section's header: a click folds the list away (the detail panel is tall enough already).
    QToolButton* toggle() const { return m_toggle; }
    QLabel* emptyLabel() const { return m_empty; }

private:
    void reload();
    void updateButtons();
    void giveConsent();
    void editConsent();
    void withdrawConsent();
    void onChanged(const outpost::EntityChanges& changes);

    Workspace& m_workspace;
    ConsentListModel* m_model;
    QToolButton* m_toggle;
    QWidget* m_body;
    QTableView* m_table;
    QLabel* m_empty;
    QPushButton* m_give;
    QPushButton* m_edit;
    QPushButton* m_withdraw;
    MessageLabel* m_message;
};

} // namespace outpost
