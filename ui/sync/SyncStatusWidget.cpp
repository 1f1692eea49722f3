#include "sync/SyncStatusWidget.h"

#include "client/SyncClient.h"

#include <QAction>
#include <QEvent>
#include <QLocale>
#include <QMenu>
#include <QStyle>

namespace outpost {

SyncStatusWidget::SyncStatusWidget(QWidget* parent)
    : QToolButton(parent)
    , m_menu(new QMenu(this))
    , m_syncNow(new QAction(tr("Sync &Now"), this))
    , m_signIn(new QAction(tr("Sign &In to a Team Server…"), this))
    , m_signOut(new QAction(tr("Sign &Out…"), this))
    , m_showProblems(new QAction(tr("Sync &Problems…"), this))
{
    setObjectName(QStringLiteral("syncIndicator"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_menu);
    setAccessibleName(tr("Sync status"));
    m_menu->setObjectName(QStringLiteral("syncMenu"));
    m_syncNow->setObjectName(QStringLiteral("actionSyncNow"));
    m_signIn->setObjectName(QStringLiteral("actionSyncSignIn"));
    m_signOut->setObjectName(QStringLiteral("actionSyncSignOut"));
    m_showProblems->setObjectName(QStringLiteral("actionSyncProblems"));
    m_menu->addAction(m_syncNow);
    m_menu->addAction(m_showProblems);
    m_menu->addSeparator();
    m_menu->addAction(m_signIn);
    m_menu->addAction(m_signOut);
    refresh();
}

void SyncStatusWidget::setClient(SyncClient* client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (client) {
        connect(client, &SyncClient::stateChanged, this, &SyncStatusWidget::refresh);
        connect(client, &SyncClient::pendingChanged, this, &SyncStatusWidget::refresh);
        connect(client, &SyncClient::synced, this, &SyncStatusWidget::refresh);
        connect(client, &QObject::destroyed, this, &SyncStatusWidget::refresh, Qt::QueuedConnection);
    }
    refresh();
}

SyncClient* SyncStatusWidget::client() const
{
    return m_client;
}

void SyncStatusWidget::setProblemCount(qint64 count)
{
    m_problems = count;
    refresh();
}

QString SyncStatusWidget::stateText() const
{
    if (!m_client)
        return tr("Not signed in");
    switch (m_client->state()) {
    case SyncClient::State::SignedOut:
        // A resumed session (a refresh token only) before its first answer from the server.
        if (!m_client->session().refreshToken.isEmpty() || !m_client->session().accessToken.isEmpty())
            return tr("Connecting…");
        break;
    case SyncClient::State::Idle: {
        const qint64 pending = m_client->pendingCount();
        return pending > 0 ? tr("%n change(s) to sync", nullptr, int(pending)) : tr("Signed in");
    }
    case SyncClient::State::Syncing: {
        const qint64 pending = m_client->pendingCount();
        return pending > 0 ? tr("Syncing %n change(s)…", nullptr, int(pending)) : tr("Syncing…");
    }
    case SyncClient::State::UpToDate:
        return tr("Up to date at %1")
            .arg(QLocale().toString(m_client->lastSyncedAt().toLocalTime().time(), QLocale::ShortFormat));
    case SyncClient::State::Offline:
        return tr("Offline");
    case SyncClient::State::Error: {
        const QString reason = m_client->lastMessage();
        return reason.isEmpty() ? tr("Sync error") : tr("Sync error: %1").arg(reason);
    }
    }
    return tr("Not signed in");
}

void SyncStatusWidget::refresh()
{
    const bool signedIn = m_client
                          && (m_client->state() != SyncClient::State::SignedOut
                              || !m_client->session().refreshToken.isEmpty()
                              || !m_client->session().accessToken.isEmpty());
    QString text = stateText();
    // Long server messages would push the rest of the status bar away: the whole text is in the tooltip.
    QString shown = text;
    if (shown.size() > 60)
        shown = shown.left(57) + QStringLiteral("…");
    if (m_problems > 0)
        shown += QStringLiteral(" · ") + tr("%n problem(s)", nullptr, int(m_problems));
    setText(shown);

    // (resources/icons has no sync glyphs yet: the style's standard icons stand in.)
    QStyle::StandardPixmap icon = QStyle::SP_BrowserReload;
    if (!signedIn)
        icon = QStyle::SP_DialogNoButton;
    else if (m_client->state() == SyncClient::State::Error || m_problems > 0)
        icon = QStyle::SP_MessageBoxWarning;
    else if (m_client->state() == SyncClient::State::Offline)
        icon = QStyle::SP_BrowserStop;
    setIcon(style()->standardIcon(icon));

    QStringList tip{text};
    if (m_client) {
        const QDateTime last = m_client->lastSyncedAt();
        tip << (last.isValid() ? tr("Last synced: %1").arg(QLocale().toString(last.toLocalTime(), QLocale::ShortFormat))
                               : tr("Not synced yet in this session."));
        const QDateTime next = m_client->nextRetryAt();
        if (next.isValid())
            tip << tr("Next attempt: %1").arg(QLocale().toString(next.toLocalTime().time(), QLocale::ShortFormat));
        if (m_client->state() == SyncClient::State::Offline && !m_client->lastMessage().isEmpty())
            tip << m_client->lastMessage();
    }
    if (m_problems > 0)
        tip << tr("%n sync problem(s) need your attention.", nullptr, int(m_problems));
    setToolTip(tip.join(QLatin1Char('\n')));

    m_syncNow->setEnabled(signedIn);
    m_signIn->setVisible(!signedIn);
    m_signOut->setVisible(signedIn);
    m_showProblems->setText(m_problems > 0 ? tr("Sync &Problems (%1)…").arg(m_problems) : tr("Sync &Problems…"));
}

void SyncStatusWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        refresh();
    QToolButton::changeEvent(event);
}

} // namespace outpost
