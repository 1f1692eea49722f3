#include "shell/PageRegistry.h"

#include "companies/CompaniesPage.h"
#include "commissions/CommissionsPage.h"
#include "contacts/ContactsPage.h"
#include "customfields/CustomFieldsPage.h"
#include "duplicates/DuplicatesPage.h"
#include "genealogy/GenealogyPage.h"
#include "leads/LeadsPage.h"
#include "pipeline/DealsPage.h"
#include "segments/SegmentsPage.h"
#include "tasks/TasksPage.h"

#include <QCoreApplication>

namespace outpost {

void PageRegistry::add(PageDescriptor page)
{
    Q_ASSERT(!find(page.id));
    m_pages.append(std::move(page));
}

const PageDescriptor* PageRegistry::find(const QString& id) const
{
    for (const PageDescriptor& p : m_pages)
        if (p.id == id)
            return &p;
    return nullptr;
}

PageRegistry PageRegistry::standard()
{
    PageRegistry registry;
    registry.add({QStringLiteral("contacts"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Contacts"); },
                  QStringLiteral("contacts"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new ContactsPage(workspace, parent); }});
    registry.add({QStringLiteral("companies"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Companies"); },
                  QStringLiteral("companies"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new CompaniesPage(workspace, parent); }});
    registry.add({QStringLiteral("segments"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Segments"); },
                  QStringLiteral("segments"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new SegmentsPage(workspace, parent); }});
    registry.add({QStringLiteral("leads"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Leads"); },
                  QStringLiteral("leads"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new LeadsPage(workspace, parent); }});
    registry.add({QStringLiteral("deals"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Deals"); },
                  QStringLiteral("deals"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new DealsPage(workspace, parent); }});
    registry.add({QStringLiteral("tasks"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Tasks"); },
                  QStringLiteral("tasks"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new TasksPage(workspace, parent); }});
    registry.add({QStringLiteral("duplicates"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Duplicates"); },
                  QStringLiteral("duplicates"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new DuplicatesPage(workspace, parent); }});
    registry.add({QStringLiteral("genealogy"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Genealogy"); },
                  QStringLiteral("genealogy"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new GenealogyPage(workspace, parent); }});
    registry.add({QStringLiteral("commissions"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Commissions"); },
                  QStringLiteral("commissions"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new CommissionsPage(workspace, parent); }});
    registry.add({QStringLiteral("customfields"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Custom Fields"); },
                  QStringLiteral("customfields"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new CustomFieldsPage(workspace, parent); }});
    return registry;
}

} // namespace outpost
