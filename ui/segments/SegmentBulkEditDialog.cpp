#include "segments/SegmentBulkEditDialog.h"

#include "importexport/BackgroundJob.h"
#include "importexport/ProgressPanel.h"
#include "profile/Workspace.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

SegmentBulkEditDialog::SegmentBulkEditDialog(Workspace& workspace, const SegmentFilter::Sql& segment,
                                             const QString& segmentName, qint64 contacts, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_segment(segment)
    , m_kind(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_progress(new ProgressPanel(this))
    , m_message(new MessageLabel(this))
    , m_job(new BackgroundJob(workspace.database(), this))
{
    setObjectName(QStringLiteral("segmentBulkEditDialog"));
    setWindowTitle(tr("Bulk Edit"));
    m_kind->setObjectName(QStringLiteral("bulkEditKind"));
    m_value->setObjectName(QStringLiteral("bulkEditValue"));
    m_kind->addItem(tr("Set the owner"), int(SegmentBulkEdit::Kind::SetOwner));
    m_kind->addItem(tr("Add a tag"), int(SegmentBulkEdit::Kind::AddTag));
    m_kind->addItem(tr("Remove a tag"), int(SegmentBulkEdit::Kind::RemoveTag));

    auto* intro = new QLabel(contacts >= 0 ? tr("Change the %Ln contact(s) of the segment \u201c%1\u201d.", nullptr,
                                                int(std::min<qint64>(contacts, INT_MAX)))
                                                 .arg(segmentName)
                                           : tr("Change the contacts of the segment \u201c%1\u201d.").arg(segmentName),
                             this);
    intro->setWordWrap(true);
    auto* note = new QLabel(tr("Every contact is changed as one batch: Cancel leaves them all as they were, and the "
                               "whole edit can be undone afterwards from the Segments page."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto* form = new QFormLayout;
    form->addRow(tr("&Change:"), m_kind);
    form->addRow(tr("&Value:"), m_value);

    auto* buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("bulkEditApply"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_apply, &QPushButton::clicked, this, &SegmentBulkEditDialog::start);
    connect(m_close, &QPushButton::clicked, this, &SegmentBulkEditDialog::reject);

    m_progress->setCancellable(true);
    m_progress->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());

    connect(m_kind, &QComboBox::currentIndexChanged, this, &SegmentBulkEditDialog::kindChosen);
    connect(m_progress, &ProgressPanel::cancelRequested, this, [this] {
        m_progress->setCancelling();
        m_job->cancel();
    });
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setProgress(done, total);
        m_progress->setStatus(tr("Changed %1 of %2 contacts…").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_job, &BackgroundJob::finished, this, &SegmentBulkEditDialog::finished);
    kindChosen();
}

SegmentBulkEditDialog::~SegmentBulkEditDialog()
{
    m_job->cancel();
    m_job->wait();
}

bool SegmentBulkEditDialog::isBusy() const
{
    return m_job->isRunning();
}

void SegmentBulkEditDialog::kindChosen()
{
    const bool owner = SegmentBulkEdit::Kind(m_kind->currentData().toInt()) == SegmentBulkEdit::Kind::SetOwner;
    m_value->setPlaceholderText(owner ? tr("The owner's user id (empty: no owner)") : tr("The tag"));
}

void SegmentBulkEditDialog::start()
{
    if (m_job->isRunning())
        return;
    m_message->clearMessage();
    const auto kind = SegmentBulkEdit::Kind(m_kind->currentData().toInt());
    const QString value = m_value->text();
    if (kind != SegmentBulkEdit::Kind::SetOwner && value.trimmed().isEmpty()) {
        m_message->showError(tr("Enter the tag to add or remove."));
        return;
    }
    auto result = std::make_shared<Result<SegmentBulkEdit::Outcome>>(Error(ErrorCode::Unknown, QString()));
    m_result = result;
    for (QWidget* w : {static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_value), static_cast<QWidget*>(m_apply),
                       static_cast<QWidget*>(m_close)})
        w->setEnabled(false);
    m_progress->reset();
    m_progress->setCancellable(true);
    m_progress->setStatus(tr("Reading the segment's contacts…"));
    m_progress->setProgress(0, 0);
    m_progress->show();
    MutationEngine* engine = &m_workspace.mutations();
    BackgroundJob* job = m_job;
    m_job->start([engine, job, result, kind, value, segment = m_segment] {
        SegmentBulkEdit::Options o;
        o.cancel = job->cancelFlag();
        o.progress = [job](qint64 done, qint64 total) { job->reportProgress(done, total); };
        *result = SegmentBulkEdit::apply(*engine, segment, kind, value, o);
    });
}

void SegmentBulkEditDialog::finished()
{
    for (QWidget* w : {static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_value), static_cast<QWidget*>(m_apply),
                       static_cast<QWidget*>(m_close)})
        w->setEnabled(true);
    m_progress->hide();
    const Result<SegmentBulkEdit::Outcome> result = *m_result;
    if (!result) {
        m_message->showMessage(result.code() == ErrorCode::Cancelled ? MessageLabel::Kind::Warning : MessageLabel::Kind::Error,
                               result.message());
        return;
    }
    emit applied(result.value());
    accept();
}

void SegmentBulkEditDialog::reject()
{
    if (m_job->isRunning())
        return; // Cancel first: the work stops at its next check
    QDialog::reject();
}

} // namespace outpost
