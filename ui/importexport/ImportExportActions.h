#pragma once

#include "importexport/ExportDialog.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QWidget;

namespace outpost {

class ImportHistoryDialog;
class ImportWizard;
class Workspace;

// The contacts' File-menu actions — Import Contacts… (Ctrl+Shift+I), Import History…, Export Contacts…
// (Ctrl+Shift+E) — and the windows they open, one of each at a time, over `dialogParent`'s window. Tells
// when any of them is running work that must finish before the profile can be locked.
class ImportExportActions : public QObject
{
    Q_OBJECT
public:
    // `exportScope` gives what the contacts page shows when Export is chosen (its search and counts).
    ImportExportActions(Workspace& workspace, QWidget* dialogParent, std::function<ExportDialog::Scope()> exportScope,
                        QObject* parent = nullptr);
    ~ImportExportActions() override;

    QList<QAction*> actions() const;
    QAction* importAction() const { return m_import; }
    QAction* historyAction() const { return m_history; }
    QAction* exportAction() const { return m_export; }

    // The open windows (null when closed).
    ImportWizard* importWizard() const;
    ImportHistoryDialog* historyDialog() const;
    ExportDialog* exportDialog() const;

    bool isBusy() const;
    QString busyMessage() const;

public slots:
    // Opens the import wizard (on `path` if given), or brings the open one forward.
    void showImport(const QString& path = {});
    void showHistory();
    void showExport();

signals:
    void busyChanged(bool busy);
    // An action was used: the contacts page should be shown.
    void activationRequested();

private:
    void emitBusy();

    Workspace& m_workspace;
    QWidget* m_dialogParent;
    std::function<ExportDialog::Scope()> m_exportScope;
    QAction* m_import;
    QAction* m_history;
    QAction* m_export;
    QPointer<ImportWizard> m_wizard;
    QPointer<ImportHistoryDialog> m_historyDialog;
    QPointer<ExportDialog> m_exportDialog;
    bool m_busy = false;
};

} // namespace outpost
