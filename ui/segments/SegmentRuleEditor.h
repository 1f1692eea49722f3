#pragma once

#include "segments/SegmentFilter.h"

#include <QFrame>
#include <QJsonObject>

class QComboBox;
class QHBoxLayout;
class QToolButton;
class QVBoxLayout;

namespace outpost {

class SegmentGroupEditor;

// One rule: field, operator and a value widget that suits them (text, a choice, a country, a number, a
// date, a number of days, a list, or nothing for "is empty").
class SegmentRuleRow : public QWidget
{
    Q_OBJECT
public:
    SegmentRuleRow(const SegmentFields& fields, QWidget* parent = nullptr);

    // Shows a stored rule. One that names a field, an operator or a choice that no longer exists is kept as
    // it was saved (rule() returns it, the row's tooltip says why) until the user changes the row.
    void setRule(const QJsonObject& rule);
    QJsonObject rule() const;
    QComboBox* fieldCombo() const { return m_field; }
    QComboBox* operatorCombo() const { return m_op; }
    QWidget* valueWidget() const { return m_value; }

signals:
    void changed();
    void removeRequested();

private:
    bool showRule(const QJsonObject& rule); // false: it cannot be shown as it is
    void fieldChosen();
    void rebuildValue();
    const SegmentField* field() const;
    QString op() const;

    const SegmentFields& m_fields;
    QComboBox* m_field;
    QComboBox* m_op;
    QHBoxLayout* m_valueBox;
    QWidget* m_value = nullptr;
    QJsonObject m_saved; // a stored rule the row cannot show as it is (see setRule)
    bool m_loading = false;
};

// A group: "Match all / any of" its rules and nested groups, with buttons to add and remove them.
class SegmentGroupEditor : public QFrame
{
    Q_OBJECT
public:
    SegmentGroupEditor(const SegmentFields& fields, int depth, QWidget* parent = nullptr);

    void setGroup(const QJsonObject& group);
    QJsonObject group() const;
    SegmentRuleRow* addRule(const QJsonObject& rule = {});
    SegmentGroupEditor* addGroup(const QJsonObject& group = {});
    QComboBox* matchCombo() const { return m_match; }

signals:
    void changed();
    void removeRequested();

private:
    void removeChild(QWidget* child);
    void clearChildren();

    const SegmentFields& m_fields;
    int m_depth;
    QComboBox* m_match;
    QVBoxLayout* m_children;
    QToolButton* m_addGroup;
};

// The filter editor of a segment: the root group of rules.
class SegmentRuleEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SegmentRuleEditor(QWidget* parent = nullptr);

    // The fields to offer (the catalogue with this profile's custom fields); clears the editor.
    void setFields(const SegmentFields& fields);
    const SegmentFields& fields() const { return m_fields; }
    void setFilter(const QJsonObject& filter);
    QJsonObject filter() const;
    SegmentGroupEditor* root() const { return m_root; }

signals:
    void changed();

private:
    SegmentFields m_fields;
    QVBoxLayout* m_layout;
    SegmentGroupEditor* m_root = nullptr;
};

} // namespace outpost
