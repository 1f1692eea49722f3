#pragma once

#include "segments/SegmentBulkEdit.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace outpost {

class BackgroundJob;
class MessageLabel;
class ProgressPanel;
class Workspace;

// Bulk Edit… from a segment: set the owner of, add a tag to or remove a tag from every contact of the
// segment, as one batch (SegmentBulkEdit) on a worker thread with progress and Cancel; a cancel or a
// refusal changes nothing. applied() hands the result over so the page can offer to undo it.
class SegmentBulkEditDialog : public QDialog
{
    Q_OBJECT
public:
    SegmentBulkEditDialog(Workspace& workspace, const SegmentFilter::Sql& segment, const QString& segmentName,
                          qint64 contacts, QWidget* parent = nullptr);
    ~SegmentBulkEditDialog() override;

    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* valueEdit() const { return m_value; }
    QPushButton* applyButton() const { return m_apply; }
    BackgroundJob* job() const { return m_job; }
    bool isBusy() const;

    void reject() override;

signals:
    void applied(const outpost::SegmentBulkEdit::Outcome& outcome);

private:
    void start();
    void finished();
    void kindChosen();

    Workspace& m_workspace;
    SegmentFilter::Sql m_segment;
    QComboBox* m_kind;
    QLineEdit* m_value;
    ProgressPanel* m_progress;
    MessageLabel* m_message;
    QPushButton* m_apply;
    QPushButton* m_close;
    BackgroundJob* m_job;
    std::shared_ptr<Result<SegmentBulkEdit::Outcome>> m_result;
};

} // namespace outpost
