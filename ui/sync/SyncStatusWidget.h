#pragma once

#include <QPointer>
#include <QToolButton>

class QAction;
class QMenu;

namespace outpost {

class SyncClient;

// The sync indicator in the main window's status bar: "Not signed in", "Offline", "Syncing 3 changes…",
// "Up to date at 14:05", "Sync error: …". A click opens a menu (Sync now, Sign in… / Sign out…, Sync
// problems); the tooltip tells when it last synced and when it tries again. It only shows what the
// SyncClient reports; the actions are wired by whoever owns the client (SyncController).
class SyncStatusWidget : public QToolButton
{
    Q_OBJECT
public:
    explicit SyncStatusWidget(QWidget* parent = nullptr);

    // The client to show; null = not signed in.
    void setClient(SyncClient* client);
    SyncClient* client() const;
    // Open conflicts plus refused changes (shown in the text and the menu).
    void setProblemCount(qint64 count);
    qint64 problemCount() const { return m_problems; }

    QAction* syncNowAction() const { return m_syncNow; }
    QAction* signInAction() const { return m_signIn; }
    QAction* signOutAction() const { return m_signOut; }
    QAction* problemsAction() const { return m_showProblems; }
    QMenu* syncMenu() const { return m_menu; }

    // The state as text, without the problem count ("Up to date at 14:05").
    QString stateText() const;

public slots:
    void refresh();

protected:
    void changeEvent(QEvent* event) override;

private:
    QPointer<SyncClient> m_client;
    QMenu* m_menu;
    QAction* m_syncNow;
    QAction* m_signIn;
    QAction* m_signOut;
    QAction* m_showProblems;
    qint64 m_problems = 0;
};

} // namespace outpost
