#pragma once

#include "leads/ScoringRule.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace outpost {

class MessageLabel;
class ScoringRuleModel;
class Workspace;

// The admin's editor of the lead score: the rules with their points (profile fit and behaviour) and the
// thresholds for marketing and sales qualified. Each save is a scoring_rule mutation; the leads page rescoring
// every lead follows it, off the UI thread.
class ScoringRulesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ScoringRulesDialog(Workspace& workspace, QWidget* parent = nullptr);

    ScoringRuleModel* model() const { return m_model; }
    // Selects a rule (or clears the form for a new one with an empty id).
    void editRule(const QString& id);
    // Saves the form as the rule being edited (a new one when none is); false with a message when refused.
    bool saveRule();
    bool saveThresholds();

private:
    void loadForm(const ScoringRule& rule);
    ScoringRule formRule() const;
    void updateKindFields();
    void deleteRule();

    Workspace& m_workspace;
    ScoringRuleModel* m_model;
    QTableView* m_table;
    QString m_editingId;
    QComboBox* m_kind;
    QLineEdit* m_label;
    QStackedWidget* m_kindStack;
    QComboBox* m_field;
    QComboBox* m_test;
    QLineEdit* m_value;
    QComboBox* m_activityKind;
    QSpinBox* m_halfLife;
    QSpinBox* m_window;
    QSpinBox* m_cap;
    QSpinBox* m_points;
    QCheckBox* m_enabled;
    QPushButton* m_save;
    QPushButton* m_delete;
    QSpinBox* m_mql;
    QSpinBox* m_sql;
    MessageLabel* m_message;
};

} // namespace outpost
