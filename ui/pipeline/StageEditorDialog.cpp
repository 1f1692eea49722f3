#include "pipeline/StageEditorDialog.h"

#include "mutations/MutationEngine.h"
#include "pipeline/DealRepository.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "util/Uuid.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace outpost {

namespace {

QString kindLabel(PipelineStage::Kind kind)
{
    switch (kind) {
    case PipelineStage::Kind::Won:
        return StageEditorDialog::tr("Won");
    case PipelineStage::Kind::Lost:
        return StageEditorDialog::tr("Lost");
    case PipelineStage::Kind::Open:
        break;
    }
    return StageEditorDialog::tr("Open");
}

} // namespace

StageEditorDialog::StageEditorDialog(Workspace& workspace, DealRepository& repository, const QString& pipelineId,
                                     QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_repository(repository)
    , m_pipelineId(pipelineId)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_up(new QPushButton(tr("Move &Up"), this))
    , m_down(new QPushButton(tr("Move &Down"), this))
    , m_delete(new QPushButton(themedIcon(QStringLiteral("delete")), tr("&Delete…"), this))
    , m_message(new MessageLabel(this))
{
    setObjectName(QStringLiteral("stageEditorDialog"));
    setWindowTitle(tr("Edit Stages"));
    m_table->setObjectName(QStringLiteral("stageTable"));
    m_up->setObjectName(QStringLiteral("stageUp"));
    m_down->setObjectName(QStringLiteral("stageDown"));
    m_delete->setObjectName(QStringLiteral("stageDelete"));
    m_message->setObjectName(QStringLiteral("stageMessage"));
    m_table->setHorizontalHeaderLabels({tr("Stage"), tr("Win probability"), tr("Kind")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(ProbabilityColumn, 120);
    m_table->setColumnWidth(KindColumn, 100);

    auto* add = new QPushButton(themedIcon(QStringLiteral("add")), tr("&Add Stage…"), this);
    add->setObjectName(QStringLiteral("stageAdd"));
    auto* side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addWidget(m_delete);
    side->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(side);
    auto* hint = new QLabel(tr("Double-click a name to rename the stage. The board shows the stages in "
                               "this order; deals in a won or lost stage are closed."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(hint);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(560, 380);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Add Stage"), tr("Name of the new stage:"), QLineEdit::Normal,
                                                   QString(), &ok);
        if (ok)
            addStage(name);
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_delete, &QPushButton::clicked, this, &StageEditorDialog::deleteSelected);
    connect(m_table, &QTableWidget::cellChanged, this, &StageEditorDialog::cellEdited);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &StageEditorDialog::updateButtons);
    reload();
}

void StageEditorDialog::reload(const QString& selectId)
{
    auto stages = m_repository.stages(m_pipelineId);
    if (!stages) {
        m_message->showError(stages.message());
        return;
    }
    const QSignalBlocker block(m_table);
    m_stages = stages.value();
    m_table->setRowCount(int(m_stages.size()));
    for (int r = 0; r < m_stages.size(); ++r) {
        const PipelineStage& s = m_stages.at(r);
        m_table->setItem(r, NameColumn, new QTableWidgetItem(s.name));
        auto* probability = new QSpinBox(m_table);
        probability->setRange(0, 100);
        probability->setSuffix(QStringLiteral(" %"));
        probability->setValue(s.probability);
        probability->setFrame(false);
        connect(probability, &QSpinBox::editingFinished, this, [this, r] { cellEdited(r, ProbabilityColumn); });
        m_table->setCellWidget(r, ProbabilityColumn, probability);
        auto* kind = new QComboBox(m_table);
        for (auto k : {PipelineStage::Kind::Open, PipelineStage::Kind::Won, PipelineStage::Kind::Lost})
            kind->addItem(kindLabel(k), PipelineStage::kindName(k));
        kind->setCurrentIndex(kind->findData(PipelineStage::kindName(s.kind)));
        connect(kind, &QComboBox::activated, this, [this, r](int index) { kindChosen(r, index); });
        m_table->setCellWidget(r, KindColumn, kind);
        if (s.id == selectId)
            m_table->selectRow(r);
    }
    updateButtons();
}

bool StageEditorDialog::submit(const QString& name, const QJsonObject& args)
{
    auto m = m_workspace.mutations().submit(name, args);
    if (!m) {
        m_message->showError(m.message());
        return false;
    }
    m_message->clearMessage();
    return true;
}

void StageEditorDialog::cellEdited(int row, int column)
{
    if (row < 0 || row >= m_stages.size())
        return;
    const PipelineStage& s = m_stages.at(row);
    QJsonObject set;
    if (column == NameColumn) {
        const QString name = m_table->item(row, NameColumn)->text().trimmed();
        if (name == s.name)
            return;
        set.insert(QStringLiteral("name"), name);
    } else if (column == ProbabilityColumn) {
        const int p = qobject_cast<QSpinBox*>(m_table->cellWidget(row, ProbabilityColumn))->value();
        if (p == s.probability)
            return;
        set.insert(QStringLiteral("probability"), p);
    } else {
        return;
    }
    const QString id = s.id;
    submit(QStringLiteral("stage.update"), {{QStringLiteral("id"), id}, {QStringLiteral("set"), set}});
    reload(id); // shows what is stored (the old value after a refusal)
}

void StageEditorDialog::kindChosen(int row, int index)
{
    auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, KindColumn));
    const QString id = m_stages.value(row).id;
    if (!combo || id.isEmpty() || combo->itemData(index).toString() == PipelineStage::kindName(m_stages.at(row).kind))
        return;
    submit(QStringLiteral("stage.update"),
           {{QStringLiteral("id"), id}, {QStringLiteral("set"), QJsonObject{{QStringLiteral("kind"), combo->itemData(index).toString()}}}});
    reload(id);
}

void StageEditorDialog::addStage(const QString& name)
{
    const QString id = newUuidV7();
    // New stages go before the won and lost ones: the board reads left to right towards a close.
    int position = int(m_stages.size());
    for (int i = 0; i < m_stages.size(); ++i) {
        if (m_stages.at(i).kind != PipelineStage::Kind::Open) {
            position = i;
            break;
        }
    }
    if (!submit(QStringLiteral("stage.create"), {{QStringLiteral("id"), id},
                                                 {QStringLiteral("pipelineId"), m_pipelineId},
                                                 {QStringLiteral("name"), name.trimmed()},
                                                 {QStringLiteral("probability"), 50},
                                                 {QStringLiteral("kind"), QStringLiteral("open")},
                                                 {QStringLiteral("position"), position}}))
        return;
    reload(id);
}

void StageEditorDialog::moveSelected(int by)
{
    const int row = m_table->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_stages.size())
        return;
    QJsonArray ids;
    QList<PipelineStage> order = m_stages;
    order.move(row, to);
    for (const PipelineStage& s : order)
        ids.append(s.id);
    const QString id = m_stages.at(row).id;
    if (submit(QStringLiteral("stage.reorder"), {{QStringLiteral("pipelineId"), m_pipelineId}, {QStringLiteral("stageIds"), ids}}))
        reload(id);
}

void StageEditorDialog::deleteSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_stages.size())
        return;
    const PipelineStage s = m_stages.at(row);
    if (QMessageBox::question(this, tr("Delete Stage"), tr("Delete the stage \u201c%1\u201d?").arg(s.name)) != QMessageBox::Yes)
        return;
    if (submit(QStringLiteral("stage.delete"), {{QStringLiteral("id"), s.id}}))
        reload();
}

void StageEditorDialog::updateButtons()
{
    const int row = m_table->currentRow();
    const bool selected = row >= 0 && !m_table->selectedItems().isEmpty();
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row + 1 < m_stages.size());
    m_delete->setEnabled(selected);
}

} // namespace outpost
