#include "shell/PageRegistry.h"

#include "commissions/CommissionsPage.h"
#include "contacts/ContactsPage.h"
#include "duplicates/DuplicatesPage.h"

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
    registry.add({QStringLiteral("duplicates"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Duplicates"); },
                  QStringLiteral("duplicates"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new DuplicatesPage(workspace, parent); }});
    registry.add({QStringLiteral("commissions"),
                  [] { return QCoreApplication::translate("outpost::PageRegistry", "Commissions"); },
                  QStringLiteral("commissions"),
                  [](Workspace& workspace, QWidget* parent) -> Page* { return new CommissionsPage(workspace, parent); }});
    return registry;
}

} // namespace outpost
