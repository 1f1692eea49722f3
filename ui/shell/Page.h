#pragma once

#include <QList>
#include <QVariantMap>
#include <QWidget>

class QAction;

namespace outpost {

// One area of the main window (Contacts today; Tickets, Genealogy, Commissions, Reports later). A page
// lives while the profile is unlocked: it is made from the open Workspace and destroyed before the
// Workspace closes, so it may keep references into it.
class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(QWidget* parent = nullptr) : QWidget(parent) {}

    // Offered in File ▸ New… whichever page is shown (e.g. "New Contact").
    virtual QList<QAction*> newActions() const { return {}; }
    // Offered in the File menu after the New… actions whichever page is shown (e.g. "Import Contacts…").
    virtual QList<QAction*> fileActions() const { return {}; }
    // Offered in the Edit menu while this page is shown.
    virtual QList<QAction*> editActions() const { return {}; }
    // Edit ▸ Find.
    virtual void focusSearch() {}

    // What the user was looking at. `forDisk` = false: kept in memory across a lock (may hold search text);
    // true: written to the profile's settings.ini (ids and layout only, nothing personal).
    virtual QVariantMap viewState(bool forDisk) const
    {
        Q_UNUSED(forDisk);
        return {};
    }
    virtual void restoreViewState(const QVariantMap& state) { Q_UNUSED(state); }

    // For the status bar while the page is shown ("12,345 contacts"); summaryChanged() tells of changes.
    virtual QString summary() const { return {}; }

    // Long work that must finish before the profile can be locked (busyChanged() tells when that changes).
    virtual bool isBusy() const { return false; }
    // What that work is and how to end it, for the message shown when the window is closed meanwhile.
    virtual QString busyMessage() const { return {}; }

signals:
    // One of this page's actions was used while another page was shown.
    void activationRequested();
    // For the status bar: a short summary of what the page shows.
    void summaryChanged(const QString& text);
    // isBusy() changed (an import started or ended, …).
    void busyChanged(bool busy);
};

} // namespace outpost
