#pragma once

#include "importexport/ColumnMapping.h"
#include "importexport/ContactImporter.h"
#include "importexport/ImportFilePreview.h"

#include <QTemporaryDir>
#include <QWizard>

#include <memory>
#include <optional>

namespace outpost {

class BackgroundJob;
class ImportFilePage;
class ImportMappingPage;
class ImportMatchingPage;
class ImportProgressPage;
class ImportResultPage;
class ImportUndoTask;
class Workspace;

// File ▸ Import Contacts…: brings contacts in from a CSV or vCard file as one undoable batch.
//
//   File      the file, how it is read (format, encoding, delimiter: detected, and changeable) and its
//             first rows as read;
//   Columns   (CSV) which column goes into which field, the automatic guesses pre-selected, and what the
//             first rows become;
//   Matching  update or skip contacts that are already here (same e-mail / phone), or always create;
//   Importing the import on a worker thread with progress, a row counter and Cancel (a cancelled import
//             leaves nothing: it is one transaction);
//   Result    what was created, updated, skipped and rejected, every rejected line with its number and
//             reason, the error file to save, and Undo.
class ImportWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { FilePageId, MappingPageId, MatchingPageId, ProgressPageId, ResultPageId };

    explicit ImportWizard(Workspace& workspace, QWidget* parent = nullptr);
    ~ImportWizard() override;

    Workspace& workspace() const { return m_workspace; }

    // Chooses the file (as if typed on the first page), e.g. from a drop.
    void setFilePath(const QString& path);
    QString filePath() const;

    // How the file is read (Auto = detect) and what reading its head gave.
    ImportFilePreview::Settings& settings() { return m_settings; }
    const std::optional<ImportFilePreview>& preview() const { return m_preview; }
    // Rises each time the head is read again (pages that show it rebuild when it changed).
    int previewGeneration() const { return m_previewGeneration; }
    // Reads the head of `path` again with settings(); keeps the column choices if the header is the same.
    Status reloadPreview(const QString& path);
    void clearPreview();

    ColumnMapping& mapping() { return m_mapping; }
    // Whether a column goes into a name, the company or the e-mail (else no row could be imported).
    bool mappingNamesContacts() const;

    struct Matching
    {
        bool match = true; // false: always create
        bool byEmail = true;
        bool byPhone = false;
        ContactImporter::OnMatch onMatch = ContactImporter::OnMatch::Update;
    };
    Matching& matching() { return m_matching; }

    // Everything chosen so far, as the importer takes it.
    ContactImporter::Options importOptions() const;

    // The import (started by the Importing page).
    void startImport();
    bool isImporting() const;
    void cancelImport();
    // Once the import finished: the report, or why nothing was imported (ErrorCode::Cancelled, …).
    const std::optional<Result<ImportReport>>& importResult() const { return m_result; }
    // Where the rejected lines were written (a temporary file, removed with the wizard).
    QString errorFilePath() const { return m_errorFilePath; }

    ImportUndoTask* undoTask() const { return m_undo; }
    bool isBusy() const;
    QString busyMessage() const;

    // Cancel while importing cancels the import (the wizard stays to show it); while undoing, the undo.
    void reject() override;

signals:
    void importProgress(const outpost::ImportProgress& progress);
    void importFinished();
    void busyChanged(bool busy);

private:
    Workspace& m_workspace;
    ImportFilePreview::Settings m_settings;
    std::optional<ImportFilePreview> m_preview;
    int m_previewGeneration = 0;
    ColumnMapping m_mapping;
    Matching m_matching;
    QTemporaryDir m_tempDir;
    QString m_errorFilePath;
    BackgroundJob* m_job;
    ImportUndoTask* m_undo;
    std::shared_ptr<Result<ImportReport>> m_running;
    std::optional<Result<ImportReport>> m_result;
    ImportFilePage* m_filePage;
    ImportMappingPage* m_mappingPage;
    ImportMatchingPage* m_matchingPage;
    ImportProgressPage* m_progressPage;
    ImportResultPage* m_resultPage;
};

} // namespace outpost
