package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.repository.ReportRepository;
import com.multistore.elt.transformer.repository.ReportRepository.BakeRequest;
import com.multistore.elt.transformer.repository.ReportRepository.FutureOrder;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.util.List;

/** The bakery's reports as the last run left them in the marts (this week's bake schedule, the future orders). */
@ApplicationScoped
public class BakeryReports {

    private final ReportRepository reports;

    public BakeryReports(ReportRepository reports) {
        this.reports = reports;
    }

    public List<BakeRequest> bakeSchedule() throws SQLException {
        return reports.bakeSchedule();
    }

    public List<FutureOrder> futureOrders() throws SQLException {
        return reports.futureOrders();
    }
}
