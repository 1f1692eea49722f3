#include "commissions/CommissionsPage.h"

#include "commissions/CommissionModels.h"
#include "commissions/CommissionRunner.h"
#include "commissions/StatementDialog.h"
#include "importexport/BackgroundJob.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "storage/Database.h"
#include "storage/QueryInterrupt.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QSqlQuery>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace outpost {

using namespace commissions;

namespace {
QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* t = new QTableView(parent);
    t->setObjectName(name);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->setWordWrap(false);
    t->setAlternatingRowColors(true);
    // The first column (a name) takes the room that is left; the others fit their contents.
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return t;
}
} // namespace

CommissionsPage::CommissionsPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_periods(new CommissionPeriodModel(workspace.database(), this))
    , m_preview(new CommissionPreviewModel(workspace.database(), this))
    , m_job(new BackgroundJob(workspace.database(), this))
{
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* periodsTitle = new QLabel(tr("<b>Commission periods</b>"), left);
    leftLayout->addWidget(periodsTitle);
    m_periodTable = makeTable(m_periods, QStringLiteral("periodTable"), left);
    leftLayout->addWidget(m_periodTable, 1);

    auto* planRow = new QHBoxLayout;
    planRow->addWidget(new QLabel(tr("Plan:"), left));
    m_plan = new QComboBox(left);
    m_plan->setObjectName(QStringLiteral("planCombo"));
    m_plan->setToolTip(tr("Calculate under another plan to see what it would pay (a what-if); the period then "
                          "uses that plan until it is calculated again."));
    planRow->addWidget(m_plan, 1);
    leftLayout->addLayout(planRow);

    auto* buttons = new QHBoxLayout;
    m_calculate = new QPushButton(tr("Calculate"), left);
    m_calculate->setObjectName(QStringLiteral("calculateButton"));
    m_lock = new QPushButton(tr("Lock"), left);
    m_lock->setObjectName(QStringLiteral("lockButton"));
    m_commit = new QPushButton(tr("Commit"), left);
    m_commit->setObjectName(QStringLiteral("commitButton"));
    m_cancel = new QPushButton(tr("Cancel"), left);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    for (QPushButton* b : {m_calculate, m_lock, m_commit, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    leftLayout->addLayout(buttons);
    m_progress = new QProgressBar(left);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->hide();
    leftLayout->addWidget(m_progress);
    m_message = new MessageLabel(left);
    m_message->setObjectName(QStringLiteral("message"));
    leftLayout->addWidget(m_message);

    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_previewTitle = new QLabel(right);
    m_previewTitle->setObjectName(QStringLiteral("previewTitle"));
    rightLayout->addWidget(m_previewTitle);
    m_previewTable = makeTable(m_preview, QStringLiteral("previewTable"), right);
    rightLayout->addWidget(m_previewTable, 1);
    auto* statementRow = new QHBoxLayout;
    statementRow->addStretch(1);
    m_statement = new QPushButton(tr("Statement…"), right);
    m_statement->setObjectName(QStringLiteral("statementButton"));
    statementRow->addWidget(m_statement);
    rightLayout->addLayout(statementRow);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 6);
    layout->addWidget(splitter);

    connect(m_calculate, &QPushButton::clicked, this, &CommissionsPage::calculate);
    connect(m_lock, &QPushButton::clicked, this, &CommissionsPage::lock);
    connect(m_commit, &QPushButton::clicked, this, &CommissionsPage::commit);
    connect(m_cancel, &QPushButton::clicked, this, &CommissionsPage::cancelWork);
    connect(m_statement, &QPushButton::clicked, this, &CommissionsPage::openStatement);
    connect(m_previewTable, &QTableView::doubleClicked, this, &CommissionsPage::openStatement);
    connect(m_periodTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CommissionsPage::selectionChanged);
    connect(m_previewTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CommissionsPage::updateActions);
    connect(m_job, &BackgroundJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(int(total));
        m_progress->setValue(int(done));
    });
    connect(m_job, &BackgroundJob::runningChanged, this, [this](bool running) {
        m_progress->setVisible(running);
        updateActions();
        emit busyChanged(running);
    });
    reload();
}

CommissionsPage::~CommissionsPage()
{
    m_job->cancel();
    m_job->wait();
}

QString CommissionsPage::summary() const
{
    return tr("%n commission period(s)", nullptr, m_periods->rowCount());
}

bool CommissionsPage::isBusy() const
{
    return m_job->isRunning();
}

QString CommissionsPage::busyMessage() const
{
    return tr("A commission step is running. Wait for it or cancel it on the Commissions page.");
}

void CommissionsPage::reload()
{
    const QString selected = selectedPeriodId();
    if (Status s = m_periods->reload(); !s)
        m_message->showError(s.message());
    m_plan->clear(); // selectionChanged() picks the selected period's plan
    QSqlQuery q(m_workspace.database().connection());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT id, name FROM commission_plans ORDER BY name"))) {
        while (q.next())
            m_plan->addItem(q.value(1).toString(), q.value(0).toString());
    }
    int row = 0;
    for (int r = 0; r < m_periods->rowCount(); ++r)
        if (m_periods->row(r)->id == selected)
            row = r;
    if (m_periods->rowCount() > 0)
        m_periodTable->selectRow(row);
    selectionChanged();
    emit summaryChanged(summary());
}

QString CommissionsPage::selectedPeriodId() const
{
    const QModelIndexList rows = m_periodTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(CommissionPeriodModel::IdRole).toString();
}

void CommissionsPage::selectionChanged()
{
    const QModelIndexList rows = m_periodTable->selectionModel()->selectedRows();
    const PeriodListRow* p = rows.isEmpty() ? nullptr : m_periods->row(rows.first().row());
    QString currency;
    if (p) {
        QSqlQuery q(m_workspace.database().connection());
        q.prepare(QStringLiteral("SELECT currency FROM commission_plans WHERE id = ?"));
        q.addBindValue(p->planId);
        if (q.exec() && q.next())
            currency = q.value(0).toString();
        m_plan->setCurrentIndex(std::max(0, m_plan->findData(p->planId)));
    }
    if (Status s = m_preview->setPeriod(p && p->runCount > 0 ? p->id : QString(), currency); !s)
        m_message->showError(s.message());
    if (!p)
        m_previewTitle->setText(tr("<b>Preview</b>"));
    else if (p->runCount == 0)
        m_previewTitle->setText(tr("<b>Preview of %1</b> — not calculated yet").arg(p->name.toHtmlEscaped()));
    else
        m_previewTitle->setText(tr("<b>Preview of %1</b> — run %2, %3 paid; the biggest changes against the run "
                                   "before come first")
                                    .arg(p->name.toHtmlEscaped())
                                    .arg(p->runCount)
                                    .arg(Statement::money(p->totalPaid, currency)));
    updateActions();
}

void CommissionsPage::updateActions()
{
    const QModelIndexList rows = m_periodTable->selectionModel()->selectedRows();
    const PeriodListRow* p = rows.isEmpty() ? nullptr : m_periods->row(rows.first().row());
    const bool running = m_job->isRunning();
    const QString state = p ? p->state : QString();
    m_calculate->setEnabled(!running && (state == QLatin1String("open") || state == QLatin1String("calculated")));
    m_plan->setEnabled(m_calculate->isEnabled());
    m_lock->setEnabled(!running && state == QLatin1String("calculated"));
    m_commit->setEnabled(!running && state == QLatin1String("locked"));
    m_cancel->setEnabled(running);
    m_statement->setEnabled(!running && !m_previewTable->selectionModel()->selectedRows().isEmpty());
}

void CommissionsPage::calculate()
{
    start(Step::Calculate);
}

void CommissionsPage::lock()
{
    start(Step::Lock);
}

void CommissionsPage::commit()
{
    start(Step::Commit);
}

void CommissionsPage::cancelWork()
{
    m_job->cancel();
}

void CommissionsPage::runJob(std::function<void()> work, std::function<void()> done)
{
    if (m_job->isRunning())
        return;
    connect(m_job, &BackgroundJob::finished, this, std::move(done), Qt::SingleShotConnection);
    m_job->start(std::move(work));
}

void CommissionsPage::start(Step step)
{
    const QString periodId = selectedPeriodId();
    if (periodId.isEmpty() || m_job->isRunning())
        return;
    const QString planId = step == Step::Calculate ? m_plan->currentData().toString() : QString();
    m_message->clearMessage();
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    auto outcome = std::make_shared<Result<Mutation>>(Error(ErrorCode::Cancelled, QString()));
    BackgroundJob* job = m_job;
    MutationEngine* engine = &m_workspace.mutations();
    runJob(
        [job, engine, periodId, planId, step, outcome] {
            RunControl control;
            control.cancel = job->cancelFlag();
            control.progress = [job](int permille, const QString&) { job->reportProgress(permille, 1000); };
            switch (step) {
            case Step::Calculate:
                *outcome = CommissionRunner::calculate(*engine, periodId, planId, control);
                break;
            case Step::Lock:
                *outcome = CommissionRunner::lock(*engine, periodId, control);
                break;
            case Step::Commit:
                *outcome = engine->submit(QStringLiteral("period.commit"), QJsonObject{{QStringLiteral("id"), periodId}});
                break;
            }
        },
        [this, outcome, step] {
            const Result<Mutation>& r = *outcome;
            if (r.ok())
                m_message->showMessage(MessageLabel::Kind::Success,
                                       step == Step::Calculate ? tr("Calculated. Check the preview, then lock the period.")
                                       : step == Step::Lock    ? tr("Locked. Commit the period to make it final.")
                                                               : tr("Committed: the period's commissions are final."));
            else if (r.code() == ErrorCode::Cancelled)
                m_message->showMessage(MessageLabel::Kind::Info, tr("Cancelled; nothing was changed."));
            else
                m_message->showError(r.message());
            reload();
            emit workFinished();
        });
}

void CommissionsPage::openStatement()
{
    const QModelIndexList rows = m_previewTable->selectionModel()->selectedRows();
    if (rows.isEmpty() || m_job->isRunning())
        return;
    const QString periodId = m_preview->periodId();
    const QString distributorId = rows.first().data(CommissionPreviewModel::IdRole).toString();
    m_message->clearMessage();
    m_progress->setRange(0, 0); // busy: the read has no steps to count
    auto statement = std::make_shared<Result<Statement>>(Error(ErrorCode::Cancelled, QString()));
    BackgroundJob* job = m_job;
    Database* db = &m_workspace.database();
    runJob(
        [job, db, periodId, distributorId, statement] {
            QSqlDatabase conn = db->connection(); // the worker's own
            const QueryInterrupt interrupt(conn, job->cancelFlag());
            *statement = CommissionReports::statement(conn, periodId, distributorId);
            if (job->isCancelRequested())
                *statement = Error(ErrorCode::Cancelled, QString());
        },
        [this, statement] {
            if (statement->code() == ErrorCode::Cancelled)
                return;
            if (!*statement) {
                m_message->showError(statement->message());
                return;
            }
            auto* dialog = new StatementDialog(m_workspace.database(), std::move(*statement).value(), this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
}

} // namespace outpost
