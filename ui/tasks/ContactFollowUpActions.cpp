#include "tasks/ContactFollowUpActions.h"

#include "pipeline/DealEditDialog.h"
#include "pipeline/DealRepository.h"
#include "profile/Workspace.h"
#include "tasks/TaskEditDialog.h"
#include "theme/ThemedIcon.h"

#include <QAction>
#include <QWidget>

namespace outpost {

ContactFollowUpActions::ContactFollowUpActions(Workspace& workspace, QWidget* dialogParent,
                                               std::function<QString()> currentContactId)
    : QObject(dialogParent), m_workspace(workspace), m_dialogParent(dialogParent),
      m_currentContactId(std::move(currentContactId)), m_deals(std::make_unique<DealRepository>(workspace.database()))
{
    m_addTask = new QAction(themedIcon(QStringLiteral("tasks")), tr("Add &Task for Contact…"), this);
    m_addTask->setObjectName(QStringLiteral("actionAddTaskForContact"));
    m_addDeal = new QAction(themedIcon(QStringLiteral("deals")), tr("New De&al for Contact…"), this);
    m_addDeal->setObjectName(QStringLiteral("actionNewDealForContact"));
    connect(m_addTask, &QAction::triggered, this, &ContactFollowUpActions::addTask);
    connect(m_addDeal, &QAction::triggered, this, &ContactFollowUpActions::addDeal);
}

ContactFollowUpActions::~ContactFollowUpActions() = default;

QList<QAction*> ContactFollowUpActions::actions() const
{
    return {m_addTask, m_addDeal};
}

void ContactFollowUpActions::setEnabled(bool enabled)
{
    m_addTask->setEnabled(enabled);
    m_addDeal->setEnabled(enabled);
}

std::optional<Contact> ContactFollowUpActions::currentContact(const QString& id) const
{
    if (id.isEmpty())
        return std::nullopt;
    auto found = m_workspace.contacts().find(id);
    return found ? found.value() : std::nullopt;
}

void ContactFollowUpActions::addTask()
{
    const QString id = m_currentContactId();
    const std::optional<Contact> contact = currentContact(id);
    if (!contact)
        return;
    Task task;
    task.contactId = id;
    auto* dialog = new TaskEditDialog(m_workspace.mutations(), task, contact->displayName(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ContactFollowUpActions::addDeal()
{
    const QString id = m_currentContactId();
    const std::optional<Contact> contact = currentContact(id);
    if (!contact)
        return;
    Deal deal;
    deal.contactId = id;
    deal.title = contact->company.isEmpty() ? contact->displayName() : contact->company;
    auto* dialog = new DealEditDialog(m_workspace.mutations(), *m_deals, deal, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace outpost
