#include "shell/MainWindow.h"

#include "keys/KeyStore.h"
#include "profile/ProfileManager.h"
#include "settings/SettingsDialog.h"
#include "shell/AboutDialog.h"
#include "shell/LockScreen.h"
#include "shell/Page.h"
#include "client/SyncClient.h"
#include "sync/SyncController.h"
#include "sync/SyncStatusWidget.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace outpost {

namespace {
const QString kSplitter = QStringLiteral("window/splitter");
const QString kSidebarVisible = QStringLiteral("window/sidebarVisible");
} // namespace

MainWindow::MainWindow(const ProfileInfo& profile, ProfileManager& manager, PageRegistry registry, QWidget* parent)
    : QMainWindow(parent)
    , m_profile(profile)
    , m_manager(manager)
    , m_registry(std::move(registry))
    , m_settings(profile)
    , m_root(new QStackedWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal, m_root))
    , m_sidebar(new QListWidget(m_splitter))
    , m_pages(new QStackedWidget(m_splitter))
    , m_lockScreen(new LockScreen(m_root))
    , m_summaryLabel(new QLabel(this))
    , m_syncStatus(new SyncStatusWidget(this))
    , m_profileLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(applicationIcon());

    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(20, 20));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setSpacing(2);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebar->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sidebar->setMinimumWidth(150);
    m_sidebar->setAccessibleName(tr("Areas"));
    m_sidebar->setBackgroundRole(QPalette::Window);
    m_sidebar->viewport()->setBackgroundRole(QPalette::Window);
    for (const PageDescriptor& d : m_registry.pages()) {
        auto* item = new QListWidgetItem(themedIcon(d.iconName), d.title(), m_sidebar);
        item->setData(Qt::UserRole, d.id);
        item->setSizeHint(QSize(0, 34));
        m_pageOrder << d.id;
    }
    m_pages->setObjectName(QStringLiteral("pageStack"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(1, false);
    m_splitter->setSizes({180, 1100});
    m_root->addWidget(m_splitter);
    m_root->addWidget(m_lockScreen);
    m_root->setCurrentWidget(m_lockScreen);
    m_lockScreen->setProfileName(profile.name);
    setCentralWidget(m_root);
    connect(m_sidebar, &QListWidget::currentRowChanged, this, &MainWindow::pageSelected);
    connect(m_lockScreen, &LockScreen::unlockRequested, this, &MainWindow::unlockRequested);

    m_summaryLabel->setObjectName(QStringLiteral("statusSummary"));
    m_profileLabel->setObjectName(QStringLiteral("statusProfile"));
    m_profileLabel->setText(tr("Profile: %1").arg(profile.name));
    m_profileLabel->setToolTip(profile.dir);
    statusBar()->addWidget(m_summaryLabel, 1);
    statusBar()->addPermanentWidget(m_syncStatus); // the sync engine shows its state here
    statusBar()->addPermanentWidget(m_profileLabel);
    m_syncStatus->hide();

    createActions();
    createMenus();
    restoreWindow();
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Pages refer into the workspace: they go first.
    detach();
}

void MainWindow::createActions()
{
    m_lockAction = new QAction(themedIcon(QStringLiteral("lock")), tr("&Lock"), this);
    m_lockAction->setObjectName(QStringLiteral("actionLock"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setStatusTip(tr("Close the database and ask for the key again"));
    connect(m_lockAction, &QAction::triggered, this, &MainWindow::lockRequested);

    m_quitAction = new QAction(themedIcon(QStringLiteral("quit")), tr("&Quit"), this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_findAction = new QAction(themedIcon(QStringLiteral("search")), tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("actionFind"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (Page* p = currentPage())
            p->focusSearch();
    });

    m_settingsAction = new QAction(themedIcon(QStringLiteral("settings")), tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("actionSettings"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);

    m_sidebarAction = new QAction(tr("Show &Sidebar"), this);
    m_sidebarAction->setObjectName(QStringLiteral("actionShowSidebar"));
    m_sidebarAction->setCheckable(true);
    m_sidebarAction->setChecked(true);
    connect(m_sidebarAction, &QAction::toggled, m_sidebar, &QWidget::setVisible);

    m_aboutAction = new QAction(themedIcon(QStringLiteral("info")), tr("&About Outpost"), this);
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setObjectName(QStringLiteral("actionAboutQt"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));

    m_viewMenu->addAction(m_sidebarAction);
    m_viewMenu->addSeparator();
    int n = 0;
    for (const PageDescriptor& d : m_registry.pages()) {
        auto* go = m_viewMenu->addAction(themedIcon(d.iconName), d.title());
        go->setObjectName(QStringLiteral("actionGoTo_") + d.id);
        if (++n <= 9)
            go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + n)));
        const QString id = d.id;
        connect(go, &QAction::triggered, this, [this, id] { showPage(id); });
    }
    if (Theme* theme = Theme::instance()) {
        m_viewMenu->addSeparator();
        QMenu* appearance = m_viewMenu->addMenu(tr("&Appearance"));
        appearance->setObjectName(QStringLiteral("appearanceMenu"));
        m_themeGroup = new QActionGroup(this);
        const std::pair<Theme::Mode, QString> modes[] = {
            {Theme::Mode::System, tr("Follow &System")},
            {Theme::Mode::Light, tr("&Light")},
            {Theme::Mode::Dark, tr("&Dark")},
        };
        for (const auto& [mode, text] : modes) {
            QAction* a = appearance->addAction(text);
            a->setCheckable(true);
            a->setChecked(theme->mode() == mode);
            a->setObjectName(QStringLiteral("actionTheme_") + Theme::modeToString(mode));
            m_themeGroup->addAction(a);
            const Theme::Mode m = mode;
            connect(a, &QAction::triggered, this, [m] {
                if (Theme* t = Theme::instance()) {
                    t->setMode(m);
                    AppSettings().setTheme(Theme::modeToString(m));
                }
            });
        }
    }

    help->addAction(m_aboutAction);
    help->addAction(m_aboutQtAction);

    rebuildFileMenu();
    rebuildEditMenu();
}

void MainWindow::rebuildFileMenu()
{
    m_fileMenu->clear();
    for (const QString& id : std::as_const(m_pageOrder)) {
        if (Page* p = m_pageById.value(id)) {
            const auto actions = p->newActions();
            for (QAction* a : actions)
                m_fileMenu->addAction(a);
        }
    }
    if (!m_fileMenu->isEmpty())
        m_fileMenu->addSeparator();
    bool fileActions = false;
    for (const QString& id : std::as_const(m_pageOrder)) {
        if (Page* p = m_pageById.value(id)) {
            const auto actions = p->fileActions();
            for (QAction* a : actions)
                m_fileMenu->addAction(a);
            fileActions = fileActions || !actions.isEmpty();
        }
    }
    if (fileActions)
        m_fileMenu->addSeparator();
    if (isAttached()) {
        // Team sync (the hidden ones of sign-in and sign-out do not show).
        m_fileMenu->addAction(m_syncStatus->signInAction());
        m_fileMenu->addAction(m_syncStatus->syncNowAction());
        m_fileMenu->addAction(m_syncStatus->problemsAction());
        m_fileMenu->addAction(m_syncStatus->signOutAction());
        m_fileMenu->addSeparator();
    }
    m_fileMenu->addAction(m_lockAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
}

void MainWindow::rebuildEditMenu()
{
    m_editMenu->clear();
    m_editMenu->addAction(m_findAction);
    if (Page* p = currentPage()) {
        const auto actions = p->editActions();
        if (!actions.isEmpty()) {
            m_editMenu->addSeparator();
            for (QAction* a : actions)
                m_editMenu->addAction(a);
        }
    }
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_settingsAction);
}

void MainWindow::updateActions()
{
    const bool open = isAttached();
    m_lockAction->setEnabled(open);
    m_findAction->setEnabled(open);
    m_settingsAction->setEnabled(open);
    m_sidebarAction->setEnabled(open);
    for (QAction* a : m_viewMenu->actions())
        if (a->objectName().startsWith(QLatin1String("actionGoTo_")))
            a->setEnabled(open);
}

void MainWindow::updateTitle()
{
    setWindowTitle(isAttached() ? tr("%1 — Outpost").arg(m_profile.name)
                                : tr("%1 (Locked) — Outpost").arg(m_profile.name));
}

void MainWindow::attach(Workspace& workspace)
{
    if (m_workspace)
        detach();
    m_workspace = &workspace;
    for (const PageDescriptor& d : m_registry.pages()) {
        Page* page = d.create(workspace, m_pages);
        page->setObjectName(d.id + QStringLiteral("Page"));
        m_pages->addWidget(page);
        m_pageById.insert(d.id, page);
        const QString id = d.id;
        connect(page, &Page::activationRequested, this, [this, id] { showPage(id); });
        connect(page, &Page::busyChanged, this, &MainWindow::pageBusyChanged);
        connect(page, &Page::summaryChanged, this, [this, page](const QString& text) {
            if (page == currentPage())
                m_summaryLabel->setText(text);
        });
    }
    for (auto it = m_pageById.cbegin(); it != m_pageById.cend(); ++it) {
        const QVariantMap state = m_viewState.contains(it.key()) ? m_viewState.value(it.key())
                                                                  : m_settings.pageState(it.key());
        it.value()->restoreViewState(state);
    }
    m_viewState.clear();
    QString pageId = !m_lastPageId.isEmpty() ? m_lastPageId : m_settings.currentPage();
    if (!m_pageById.contains(pageId) && !m_pageOrder.isEmpty())
        pageId = m_pageOrder.first();
    m_root->setCurrentWidget(m_splitter);
    m_syncStatus->show();
    rebuildFileMenu();
    showPage(pageId);
    updateActions();
    updateTitle();
}

void MainWindow::detach()
{
    if (!m_workspace)
        return;
    m_lastPageId = currentPageId();
    for (auto it = m_pageById.cbegin(); it != m_pageById.cend(); ++it) {
        m_viewState.insert(it.key(), it.value()->viewState(false));
        m_settings.setPageState(it.key(), it.value()->viewState(true));
    }
    m_settings.setCurrentPage(m_lastPageId);
    saveWindow();

    // Dialogs of this window may hold on to the workspace (settings, a contact being edited).
    // (Guarded: deleting one dialog deletes the dialogs it opened.)
    QList<QPointer<QDialog>> dialogs;
    for (QDialog* d : findChildren<QDialog*>())
        dialogs << d;
    for (const QPointer<QDialog>& d : std::as_const(dialogs))
        delete d.data();
    m_root->setCurrentWidget(m_lockScreen);
    for (Page* p : std::as_const(m_pageById)) {
        m_pages->removeWidget(p);
        delete p;
    }
    m_pageById.clear();
    m_workspace = nullptr;
    m_sync = nullptr;
    m_pausedSync = nullptr;
    m_syncStatus->setClient(nullptr);
    m_syncStatus->hide();
    m_summaryLabel->clear();
    rebuildFileMenu();
    rebuildEditMenu();
    updateActions();
    updateTitle();
}

Page* MainWindow::currentPage() const
{
    return isAttached() ? qobject_cast<Page*>(m_pages->currentWidget()) : nullptr;
}

QString MainWindow::currentPageId() const
{
    Page* p = currentPage();
    return p ? m_pageById.key(p) : QString();
}

Page* MainWindow::page(const QString& id) const
{
    return m_pageById.value(id);
}

bool MainWindow::showPage(const QString& id)
{
    Page* p = m_pageById.value(id);
    if (!p)
        return false;
    const int row = static_cast<int>(m_pageOrder.indexOf(id));
    if (m_sidebar->currentRow() != row)
        m_sidebar->setCurrentRow(row); // calls pageSelected
    else
        pageSelected(row);
    return true;
}

void MainWindow::pageSelected(int row)
{
    Page* p = m_pageById.value(m_pageOrder.value(row));
    if (!p)
        return;
    m_pages->setCurrentWidget(p);
    rebuildEditMenu();
    m_summaryLabel->setText(p->summary());
}

void MainWindow::setSyncController(SyncController* sync)
{
    m_sync = sync;
}

SyncController* MainWindow::syncController() const
{
    return m_sync;
}

void MainWindow::pageBusyChanged()
{
    // An import or an undo holds the database's write lock until it ends; sync applies what it receives on
    // this thread and would wait for that lock (up to the busy timeout, with the window frozen). So
    // automatic sync pauses meanwhile, and catches up at once afterwards (it also pushes the import).
    const bool busy = isBusy();
    SyncClient* client = m_sync ? m_sync->client() : nullptr;
    if (busy && client && client->isStarted() && !m_pausedSync) {
        client->stop();
        m_pausedSync = client;
    } else if (!busy && m_pausedSync) {
        if (m_pausedSync == client)
            m_pausedSync->start();
        m_pausedSync = nullptr;
    }
    emit busyChanged(busy);
}

bool MainWindow::isBusy() const
{
    for (Page* p : std::as_const(m_pageById))
        if (p->isBusy())
            return true;
    const auto dialogs = findChildren<SettingsDialog*>();
    for (SettingsDialog* d : dialogs)
        if (d->isBusy())
            return true;
    return false;
}

void MainWindow::showSettings()
{
    if (!m_workspace)
        return;
    auto* existing = findChild<SettingsDialog*>();
    if (existing && existing->isVisible()) {
        existing->raise();
        existing->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_settings, *m_workspace, m_manager, m_lockAfterOverride, this, m_sync);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::idleLockMinutesChanged, this, &MainWindow::idleLockMinutesChanged);
    connect(dialog, &SettingsDialog::busyChanged, this, &MainWindow::busyChanged);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto* dialog = new AboutDialog(m_profile, m_workspace ? &m_workspace->database() : nullptr, m_manager.keychain(),
                                   this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::saveWindow()
{
    m_settings.setWindow(saveGeometry(), saveState());
    m_settings.raw().setValue(kSplitter, m_splitter->saveState());
    m_settings.raw().setValue(kSidebarVisible, m_sidebarAction->isChecked());
    m_settings.sync();
}

void MainWindow::restoreWindow()
{
    const QByteArray geometry = m_settings.windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1180, 760);
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.9);
        resize(size);
    }
    restoreState(m_settings.windowState());
    const QByteArray splitter = m_settings.raw().value(kSplitter).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    m_sidebarAction->setChecked(m_settings.raw().value(kSidebarVisible, true).toBool());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (isBusy()) {
        event->ignore();
        QString text;
        for (const Page* p : std::as_const(m_pageById))
            if (text.isEmpty() && p->isBusy())
                text = p->busyMessage();
        for (const SettingsDialog* d : findChildren<SettingsDialog*>())
            if (text.isEmpty())
                text = d->busyMessage();
        if (text.isEmpty())
            text = tr("Outpost is finishing work that cannot be interrupted. Quit when it has finished.");
        auto* box = new QMessageBox(QMessageBox::Information, tr("Please Wait"), text, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("busyMessageBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    if (isAttached()) {
        m_settings.setCurrentPage(currentPageId());
        for (auto it = m_pageById.cbegin(); it != m_pageById.cend(); ++it)
            m_settings.setPageState(it.key(), it.value()->viewState(true));
    }
    saveWindow();
    event->accept();
    emit closed();
}

} // namespace outpost
