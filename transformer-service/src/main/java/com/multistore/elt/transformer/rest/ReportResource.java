package com.multistore.elt.transformer.rest;

import com.multistore.elt.transformer.repository.ReportRepository.BakeRequest;
import com.multistore.elt.transformer.repository.ReportRepository.FutureOrder;
import com.multistore.elt.transformer.service.BakeryReports;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.List;

/**
 * The bakery reports, read from the mart tables the last run computed (never computed on request): JSON for
 * programs, a plain HTML page for a phone (content negotiation on Accept).
 */
@Path("/reports")
@Blocking
public class ReportResource {

    private final BakeryReports reports;

    public ReportResource(BakeryReports reports) {
        this.reports = reports;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bakeSchedule(List<BakeRequest> rows);

        static native TemplateInstance futureOrders(List<FutureOrder> rows);
    }

    @GET
    @Path("/bake-schedule")
    @Produces(MediaType.APPLICATION_JSON)
    public List<BakeRequest> bakeSchedule() throws SQLException {
        return reports.bakeSchedule();
    }

    @GET
    @Path("/bake-schedule")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance bakeSchedulePage() throws SQLException {
        return Templates.bakeSchedule(reports.bakeSchedule());
    }

    @GET
    @Path("/future-orders")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FutureOrder> futureOrders() throws SQLException {
        return reports.futureOrders();
    }

    @GET
    @Path("/future-orders")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance futureOrdersPage() throws SQLException {
        return Templates.futureOrders(reports.futureOrders());
    }
}
