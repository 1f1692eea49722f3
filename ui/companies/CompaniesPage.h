#pragma once

#include "customfields/CustomFieldDefinitionCache.h"
#include "mutations/Mutation.h"
#include "shell/Page.h"

#include <QTimer>

#include <memory>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;

namespace outpost {

class CompanyDetailPanel;
class CompanyListModel;
class CompanyRepository;
class MessageLabel;
class Workspace;

// Companies: a lazy list in name order with search-as-you-type, the selected company's details with the
// contacts linked to it, and create / edit / delete through the company mutations (a company that still
// has contacts is not deleted; the reason is shown).
class CompaniesPage : public Page
{
    Q_OBJECT
public:
    explicit CompaniesPage(Workspace& workspace, QWidget* parent = nullptr);
    ~CompaniesPage() override;

    QList<QAction*> newActions() const override;
    QList<QAction*> editActions() const override;
    void focusSearch() override;
    QString summary() const override;

    CompanyListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    CompanyDetailPanel* detail() const { return m_detail; }
    QString selectedId() const;
    bool selectCompany(const QString& id);

public slots:
    void newCompany();
    void editSelected();
    void deleteSelected();

private:
    void onEntitiesChanged(const EntityChanges& changes);
    void showDetailFor(const QString& id);
    void updateCount();
    void openEditor(const class Company& company);

    Workspace& m_workspace;
    CustomFieldDefinitionCache m_customFields; // shown beside the selected company
    std::unique_ptr<CompanyRepository> m_repository;
    CompanyListModel* m_model;
    QLineEdit* m_search;
    QLabel* m_countLabel;
    MessageLabel* m_message;
    QTableView* m_table;
    CompanyDetailPanel* m_detail;
    QAction* m_newAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
    QTimer m_searchDelay;
};

} // namespace outpost
