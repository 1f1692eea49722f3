#pragma once

#include <QIcon>
#include <QList>
#include <QString>

#include <functional>

class QWidget;

namespace outpost {

class Page;
class Workspace;

// What the main window needs to know of an area to list it in the sidebar and make its page.
struct PageDescriptor
{
    QString id;                                            // stable, stored in settings ("contacts")
    std::function<QString()> title;                        // translated at call time
    QString iconName;                                      // resources/icons/<name>.svg
    std::function<Page*(Workspace&, QWidget* parent)> create;
};

// The areas of the application in sidebar order. Only areas that exist are registered: a later area adds
// itself in registerStandardPages() and needs no change to the main window.
class PageRegistry
{
public:
    void add(PageDescriptor page);
    const QList<PageDescriptor>& pages() const { return m_pages; }
    const PageDescriptor* find(const QString& id) const;

    static PageRegistry standard();

private:
    QList<PageDescriptor> m_pages;
};

} // namespace outpost
