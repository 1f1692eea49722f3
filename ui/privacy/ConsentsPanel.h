#pragma once

#include "mutations/Mutation.h"

#include <QWidget>

class QPushButton;
class QTableView;

namespace outpost {

class ConsentListModel;
class MessageLabel;
class Workspace;

// The consents section of a contact's details: the list (expired and withdrawn ones greyed, saying so) with
// Record…, Edit… and Withdraw…. Follows consent changes made anywhere (MutationEngine::changed).
class ConsentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConsentsPanel(Workspace& workspace, QWidget* parent = nullptr);

    void setContact(const QString& contactId);
    ConsentListModel* model() const { return m_model; }

private:
    void reload();
    void updateButtons();
    void giveConsent();
    void editConsent();
    void withdrawConsent();
    void onChanged(const outpost::EntityChanges& changes);

    Workspace& m_workspace;
    ConsentListModel* m_model;
    QTableView* m_table;
    QPushButton* m_give;
    QPushButton* m_edit;
    QPushButton* m_withdraw;
    MessageLabel* m_message;
};

} // namespace outpost
