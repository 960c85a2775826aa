"""AUC and average precision of scores for 0/1 labels, by scikit-learn when it is installed.

Usage: ranking_reference.py FILE
  FILE  one "label score" line per entry

Prints "tool NAME", then "auc X" and "average_precision Y".
With scikit-learn (python3-sklearn): roc_auc_score and average_precision_score.
Without it: the AUC is SciPy's Mann-Whitney U statistic of the positives over the
negatives divided by P N (scipy.stats.mannwhitneyu counts ties as one half), and the
average precision is written out here from its definition (sum over the distinct
thresholds, highest first, of the recall step times the precision at that threshold).
"""
import sys


def main():
    labels, scores = [], []
    with open(sys.argv[1]) as f:
        for line in f:
            a, b = line.split()
            labels.append(int(a))
            scores.append(float(b))
    try:
        from sklearn.metrics import average_precision_score, roc_auc_score
        print("tool sklearn")
        print("auc", repr(float(roc_auc_score(labels, scores))))
        print("average_precision", repr(float(average_precision_score(labels, scores))))
        return
    except ImportError:
        pass
    from scipy.stats import mannwhitneyu
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    u = mannwhitneyu(pos, neg, alternative="two-sided").statistic
    print("tool scipy")
    print("auc", repr(float(u) / (len(pos) * len(neg))))
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    total = len(pos)
    ap, prev, tp, i = 0.0, 0.0, 0, 0
    while i < len(order):
        j = i
        while j < len(order) and scores[order[j]] == scores[order[i]]:
            tp += labels[order[j]]
            j += 1
        recall = tp / total
        ap += (recall - prev) * tp / j
        prev = recall
        i = j
    print("average_precision", repr(ap))


main()
