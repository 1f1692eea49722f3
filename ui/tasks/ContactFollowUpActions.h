#pragma once

#include "contacts/Contact.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QWidget;

namespace outpost {

class DealRepository;
class Workspace;

// "Add Task for Contact…" and "New Deal for Contact…" for a page that shows contacts: each opens its dialog
// with the link to the current contact filled in (quick-add of a follow-up from a contact).
class ContactFollowUpActions : public QObject
{
    Q_OBJECT
public:
    ContactFollowUpActions(Workspace& workspace, QWidget* dialogParent, std::function<QString()> currentContactId);
    ~ContactFollowUpActions() override;

    QList<QAction*> actions() const;
    void setEnabled(bool enabled);
    QAction* addTaskAction() const { return m_addTask; }
    QAction* addDealAction() const { return m_addDeal; }

private:
    std::optional<Contact> currentContact(const QString& id) const;
    void addTask();
    void addDeal();

    Workspace& m_workspace;
    QWidget* m_dialogParent;
    std::function<QString()> m_currentContactId;
    std::unique_ptr<DealRepository> m_deals;
    QAction* m_addTask = nullptr;
    QAction* m_addDeal = nullptr;
};

} // namespace outpost
