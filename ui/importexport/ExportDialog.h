#pragma once

#include "segments/SegmentFilter.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace outpost {

class BackgroundJob;
class MessageLabel;
struct ExportOutcome;
class ProgressPanel;
class Workspace;

// File ▸ Export Contacts…: the contacts of the current search or of a segment (or all of them) to a CSV file or vCard 4.0
// file. The export streams on a worker thread (one page of contacts in memory at a time) with progress and
// Cancel, into a temporary file beside the target that replaces it only when complete — a cancelled or
// failed export leaves no partial file and an existing file untouched.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    struct Scope
    {
        QString search;      // the contacts page's search text; empty: no search
        qint64 matches = -1; // how many contacts match it (-1: not known yet)
        qint64 all = -1;     // how many contacts there are (-1: not known)
        // Instead of a search: a segment's contacts (matches = how many it has).
        std::optional<SegmentFilter::Sql> segment;
        QString segmentName;
        bool hasSubset() const { return segment || !search.trimmed().isEmpty(); }
    };

    ExportDialog(Workspace& workspace, const Scope& scope, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setPath(const QString& path);
    QString path() const;
    bool isBusy() const;
    // Starts the export with the dialog's choices (what the Export button does once a file is chosen).
    void startExport();
    BackgroundJob* job() const { return m_job; }

    void reject() override;

signals:
    void busyChanged(bool busy);
    // An export completed: `count` contacts are in `path`.
    void exported(const QString& path, qint64 count);

private:
    void browse();
    void formatChosen();
    void exportClicked();
    void finished();
    void updateButtons();
    qint64 expectedCount() const;

    Workspace& m_workspace;
    Scope m_scope;
    QRadioButton* m_csv;
    QRadioButton* m_vcard;
    QCheckBox* m_bom;
    QRadioButton* m_searchScope;
    QRadioButton* m_allScope;
    QLineEdit* m_path;
    QPushButton* m_browse;
    ProgressPanel* m_progress;
    MessageLabel* m_message;
    QPushButton* m_exportButton;
    QPushButton* m_closeButton;
    BackgroundJob* m_job;
    std::shared_ptr<ExportOutcome> m_outcome;
    bool m_replaceConfirmed = false;
};

} // namespace outpost
