package io.chimeraforge.report.audit;

import io.chimeraforge.report.Accuracy;

/**
 * Error statistics of one metric within one provenance class.
 *
 * @param provenanceClass the class
 * @param metric          the metric name
 * @param n               cells scored
 * @param mape            mean |relative error|, a fraction
 * @param medianSigned    median signed relative error
 * @param p90Abs          the 90th-percentile |relative error| (nearest rank, index rounded half to even)
 * @param worstCell       key of the cell with the largest |error|
 * @param worstError      that cell's signed error
 * @param underpowered    fewer than {@link Audit#MIN_CELLS_FOR_RATE} cells
 * @param accuracy        RMSE/MAE/MAPE/R² of predicted against measured values in the metric's units
 */
public record ScoreRow(ProvenanceClass provenanceClass, String metric, int n, double mape, double medianSigned,
        double p90Abs, String worstCell, double worstError, boolean underpowered, Accuracy accuracy) {
}
