#include "importexport/ImportExportActions.h"

#include "importexport/ImportHistoryDialog.h"
#include "importexport/ImportWizard.h"
#include "theme/ThemedIcon.h"

#include <QAction>
#include <QWidget>

namespace outpost {

namespace {

template <typename T>
bool raiseIfOpen(T* dialog)
{
    if (!dialog || !dialog->isVisible())
        return false;
    dialog->raise();
    dialog->activateWindow();
    return true;
}

} // namespace

ImportExportActions::ImportExportActions(Workspace& workspace, QWidget* dialogParent,
                                         std::function<ExportDialog::Scope()> exportScope, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_dialogParent(dialogParent)
    , m_exportScope(std::move(exportScope))
    , m_import(new QAction(themedIcon(QStringLiteral("import")), tr("&Import Contacts…"), this))
    , m_history(new QAction(themedIcon(QStringLiteral("history")), tr("Import &History…"), this))
    , m_export(new QAction(themedIcon(QStringLiteral("export")), tr("E&xport Contacts…"), this))
{
    m_import->setObjectName(QStringLiteral("actionImportContacts"));
    m_history->setObjectName(QStringLiteral("actionImportHistory"));
    m_export->setObjectName(QStringLiteral("actionExportContacts"));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_import->setStatusTip(tr("Bring contacts in from a CSV or vCard file, as one step you can undo"));
    m_history->setStatusTip(tr("See the imports made on this device, and undo one"));
    m_export->setStatusTip(tr("Write the contacts of the current search, or all of them, to a CSV or vCard file"));
    connect(m_import, &QAction::triggered, this, [this] { showImport(); });
    connect(m_history, &QAction::triggered, this, &ImportExportActions::showHistory);
    connect(m_export, &QAction::triggered, this, &ImportExportActions::showExport);
}

ImportExportActions::~ImportExportActions()
{
    // The windows refer to the workspace: they close (and stop their work) with these actions.
    delete m_wizard.data();
    delete m_historyDialog.data();
    delete m_exportDialog.data();
}

QList<QAction*> ImportExportActions::actions() const
{
    return {m_import, m_history, m_export};
}

ImportWizard* ImportExportActions::importWizard() const
{
    return m_wizard;
}

ImportHistoryDialog* ImportExportActions::historyDialog() const
{
    return m_historyDialog;
}

ExportDialog* ImportExportActions::exportDialog() const
{
    return m_exportDialog;
}

bool ImportExportActions::isBusy() const
{
    return (m_wizard && m_wizard->isBusy()) || (m_historyDialog && m_historyDialog->isBusy())
           || (m_exportDialog && m_exportDialog->isBusy());
}

QString ImportExportActions::busyMessage() const
{
    if (m_wizard && m_wizard->isBusy())
        return m_wizard->busyMessage();
    if (m_historyDialog && m_historyDialog->isBusy())
        return tr("An import is being undone. Wait until it has finished, or cancel it in the Import History "
                  "window.");
    if (m_exportDialog && m_exportDialog->isBusy())
        return tr("Contacts are being exported. Wait until the export has finished, or cancel it.");
    return {};
}

void ImportExportActions::emitBusy()
{
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void ImportExportActions::showImport(const QString& path)
{
    emit activationRequested();
    if (raiseIfOpen(m_wizard.data()))
        return;
    delete m_wizard.data();
    m_wizard = new ImportWizard(m_workspace, m_dialogParent);
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_wizard->setWindowModality(Qt::WindowModal);
    connect(m_wizard, &ImportWizard::busyChanged, this, &ImportExportActions::emitBusy);
    if (!path.isEmpty())
        m_wizard->setFilePath(path);
    m_wizard->open();
}

void ImportExportActions::showHistory()
{
    emit activationRequested();
    if (raiseIfOpen(m_historyDialog.data()))
        return;
    delete m_historyDialog.data();
    m_historyDialog = new ImportHistoryDialog(m_workspace, m_dialogParent);
    m_historyDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_historyDialog, &ImportHistoryDialog::busyChanged, this, &ImportExportActions::emitBusy);
    m_historyDialog->open();
}

void ImportExportActions::showExport()
{
    emit activationRequested();
    if (raiseIfOpen(m_exportDialog.data()))
        return;
    delete m_exportDialog.data();
    m_exportDialog = new ExportDialog(m_workspace, m_exportScope ? m_exportScope() : ExportDialog::Scope(), m_dialogParent);
    m_exportDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_exportDialog, &ExportDialog::busyChanged, this, &ImportExportActions::emitBusy);
    m_exportDialog->open();
}

} // namespace outpost
