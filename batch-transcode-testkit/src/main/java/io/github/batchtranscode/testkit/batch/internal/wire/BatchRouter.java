package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Maps method and path to the operation name and the service method that answers it. */
public final class BatchRouter {
    /** A matched operation. */
    record Route(String operation, Function<BatchRequest, HttpResponse> action) {
    }

    private final PoolService pools;
    private final JobService jobs;
    private final TaskService tasks;
    private final FileService files;
    private final AccountService account;

    public BatchRouter(PoolService pools, JobService jobs, TaskService tasks, FileService files, AccountService account) {
        this.account = account;
        this.pools = pools;
        this.jobs = jobs;
        this.tasks = tasks;
        this.files = files;
    }

    static List<String> segments(HttpRequest request) {
        List<String> out = new ArrayList<>();
        for (String s : request.rawPath().split("/")) {
            if (!s.isEmpty()) {
                out.add(SharedKeySigner.percentDecode(s));
            }
        }
        return out;
    }

    /** The route, or null when no operation matches. */
    Route route(String method, List<String> s) {
        if (s.isEmpty()) {
            return null;
        }
        String root = s.get(0);
        int n = s.size();
        if (root.equals("supportedimages") && n == 1) {
            return pick(method, "GET", "Account_ListSupportedImages", account::supportedImages, null, null, null);
        }
        if (root.equals("pools")) {
            if (n == 1) {
                return pick(method, "POST", "Pool_Add", pools::add, "GET", "Pool_List", pools::list);
            }
            if (n == 2) {
                return switch (method) {
                    case "GET" -> new Route("Pool_Get", pools::get);
                    case "HEAD" -> new Route("Pool_Exists", pools::exists);
                    case "DELETE" -> new Route("Pool_Delete", pools::delete);
                    default -> null;
                };
            }
            if (n == 3 && s.get(2).equals("enableautoscale")) {
                return pick(method, "POST", "Pool_EnableAutoScale", pools::enableAutoScale, null, null, null);
            }
            if (n == 3 && s.get(2).equals("evaluateautoscale")) {
                return pick(method, "POST", "Pool_EvaluateAutoScale", pools::evaluateAutoScale, null, null, null);
            }
            if (!s.get(2).equals("nodes")) {
                return null;
            }
            if (n == 3) {
                return pick(method, "GET", "ComputeNode_List", pools::listNodes, null, null, null);
            }
            if (n == 4) {
                return pick(method, "GET", "ComputeNode_Get", pools::getNode, null, null, null);
            }
            if (s.get(4).equals("files")) {
                return fileRoute(method, n, 5, "ComputeNode");
            }
            return null;
        }
        if (!root.equals("jobs")) {
            return null;
        }
        if (n == 1) {
            return pick(method, "POST", "Job_Add", jobs::add, "GET", "Job_List", jobs::list);
        }
        if (n == 2) {
            return switch (method) {
                case "GET" -> new Route("Job_Get", jobs::get);
                case "DELETE" -> new Route("Job_Delete", jobs::delete);
                case "PATCH" -> new Route("Job_Patch", r -> jobs.patch(r, false));
                case "PUT" -> new Route("Job_Update", r -> jobs.patch(r, true));
                default -> null;
            };
        }
        String sub = s.get(2);
        if (n == 3) {
            return switch (sub) {
                case "terminate" -> pick(method, "POST", "Job_Terminate", jobs::terminate, null, null, null);
                case "taskcounts" -> pick(method, "GET", "Job_GetTaskCounts", jobs::taskCounts, null, null, null);
                case "jobpreparationandreleasetaskstatus" -> pick(method, "GET",
                        "Job_ListPreparationAndReleaseTaskStatus", jobs::preparationStatus, null, null, null);
                case "addtaskcollection" -> pick(method, "POST", "Task_AddCollection", tasks::addCollection,
                        null, null, null);
                case "tasks" -> pick(method, "POST", "Task_Add", tasks::add, "GET", "Task_List", tasks::list);
                default -> null;
            };
        }
        if (!sub.equals("tasks")) {
            return null;
        }
        if (n == 4) {
            return switch (method) {
                case "GET" -> new Route("Task_Get", tasks::get);
                case "DELETE" -> new Route("Task_Delete", tasks::delete);
                case "PUT" -> new Route("Task_Update", tasks::update);
                default -> null;
            };
        }
        if (n == 5 && s.get(4).equals("terminate")) {
            return pick(method, "POST", "Task_Terminate", tasks::terminate, null, null, null);
        }
        if (s.get(4).equals("files")) {
            return fileRoute(method, n, 5, "Task");
        }
        return null;
    }

    private Route fileRoute(String method, int n, int pathFrom, String where) {
        if (n == pathFrom) {
            return pick(method, "GET", "File_ListFrom" + where, files::list, null, null, null);
        }
        return switch (method) {
            case "GET" -> new Route("File_GetFrom" + where, r -> files.get(r, pathFrom, false));
            case "HEAD" -> new Route("File_GetPropertiesFrom" + where, r -> files.get(r, pathFrom, true));
            case "DELETE" -> new Route("File_DeleteFrom" + where, r -> files.delete(r, pathFrom));
            default -> null;
        };
    }

    private static Route pick(String method, String m1, String op1, Function<BatchRequest, HttpResponse> a1,
                              String m2, String op2, Function<BatchRequest, HttpResponse> a2) {
        if (method.equals(m1)) {
            return new Route(op1, a1);
        }
        if (method.equals(m2)) {
            return new Route(op2, a2);
        }
        return null;
    }
}
