#pragma once

#include "shell/Page.h"

class QComboBox;
class QPushButton;
class QTableView;

namespace outpost {

class CustomFieldListModel;
class MessageLabel;
class Workspace;

// Settings ▸ custom fields: the fields of contacts or companies, and (for owners and admins, or on a profile
// that does not sync with a team) New…, Edit… and Retire. Other roles see the list read-only with a note:
// the server would refuse their changes anyway.
class CustomFieldsPage : public Page
{
    Q_OBJECT
public:
    explicit CustomFieldsPage(Workspace& workspace, QWidget* parent = nullptr);

    CustomFieldListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QComboBox* entityCombo() const { return m_entity; }
    bool mayDefine() const { return m_mayDefine; }

public slots:
    void newField();
    void editSelected();
    void retireSelected();

private:
    void updateButtons();

    Workspace& m_workspace;
    bool m_mayDefine = true;
    QComboBox* m_entity;
    CustomFieldListModel* m_model;
    QTableView* m_table;
    MessageLabel* m_message;
    QPushButton* m_new;
    QPushButton* m_edit;
    QPushButton* m_retire;
};

} // namespace outpost
