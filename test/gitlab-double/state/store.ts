import type { MemberRole, ProjectSpec } from '../core/types';
import { ACCESS_LEVEL } from './model';
import type {
  Job,
  Namespace,
  PersonalAccessToken,
  Project,
  TokenScope,
  User,
  WebSession,
} from './model';
import { csrfToken, personalAccessToken, sessionId } from './ids';

const ROLE_LEVEL: Readonly<Record<MemberRole, number>> = {
  reporter: ACCESS_LEVEL.reporter,
  developer: ACCESS_LEVEL.developer,
  maintainer: ACCESS_LEVEL.maintainer,
};

/** First ids handed out, chosen to look like a small real instance and to never collide. */
const FIRST_ID = { namespace: 11, project: 41, job: 5001, pipeline: 9001, token: 701 } as const;

/** Everything the fake GitLab knows: users, credentials, projects and jobs. */
export class Store {
  readonly users = new Map<number, User>();
  readonly tokens = new Map<string, PersonalAccessToken>();
  readonly sessions = new Map<string, WebSession>();
  readonly projects = new Map<number, Project>();
  readonly jobs = new Map<number, Job>();
  readonly #namespaces = new Map<string, Namespace>();
  #nextNamespaceId: number = FIRST_ID.namespace;
  #nextProjectId: number = FIRST_ID.project;
  #nextJobId: number = FIRST_ID.job;
  #nextPipelineId: number = FIRST_ID.pipeline;
  #nextTokenId: number = FIRST_ID.token;

  addUser(user: User): User {
    this.users.set(user.id, user);
    return user;
  }

  userByUsername(username: string): User | undefined {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) {
      if (user.username.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  /** Devise accepts the username or the e-mail address in `user[login]`. */
  userByLogin(login: string): User | undefined {
    const wanted = login.toLowerCase();
    for (const user of this.users.values()) {
      if (user.username.toLowerCase() === wanted || user.email.toLowerCase() === wanted) {
        return user;
      }
    }
    return undefined;
  }

  /** `value`: a given token string (stable start-line credentials); default a random one. */
  issueToken(
    userId: number,
    name: string,
    scopes: readonly TokenScope[],
    value: string = personalAccessToken(),
  ): PersonalAccessToken {
    const token: PersonalAccessToken = {
      id: this.#nextTokenId++,
      value,
      name,
      userId,
      scopes,
      createdAt: new Date(),
      expiresAt: null,
      revoked: false,
      lastUsedAt: null,
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /** `id`: a given session id (stable start-line credentials); default a random one. */
  newSession(userId: number | null, id: string = sessionId()): WebSession {
    const session: WebSession = { id, userId, csrfToken: csrfToken() };
    this.sessions.set(session.id, session);
    return session;
  }

  addProject(spec: ProjectSpec): Project {
    const segments = spec.path.split('/').filter((s) => s !== '');
    const path = segments.pop();
    if (path === undefined || segments.length === 0) {
      throw new Error(`project path needs a group: "${spec.path}"`);
    }
    if (this.projectByPath(spec.path) !== undefined) {
      throw new Error(`project exists: "${spec.path}"`);
    }
    const members = new Map<number, number>();
    for (const [username, role] of Object.entries(spec.members ?? {})) {
      const user = this.userByUsername(username);
      if (user === undefined) throw new Error(`unknown user "${username}"`);
      members.set(user.id, ROLE_LEVEL[role]);
    }
    const now = new Date();
    const project: Project = {
      id: this.#nextProjectId++,
      name: path,
      path,
      description: `The ${path} project.`,
      namespace: this.#namespaceFor(segments),
      members,
      archived: spec.archived ?? false,
      visibility: spec.visibility ?? 'private',
      protectedRefs: spec.protectedRefs ?? [],
      defaultBranch: 'main',
      createdAt: now,
      lastActivityAt: now,
    };
    this.projects.set(project.id, project);
    return project;
  }

  /** GitLab finds routes case-insensitively. */
  projectByPath(fullPath: string): Project | undefined {
    const wanted = fullPath.toLowerCase();
    for (const project of this.projects.values()) {
      if (fullPathOf(project).toLowerCase() === wanted) return project;
    }
    return undefined;
  }

  /** The API's `:id`: a numeric id or a URL-decoded full path. */
  projectByIdOrPath(id: string): Project | undefined {
    return /^\d+$/.test(id) ? this.projects.get(Number(id)) : this.projectByPath(id);
  }

  nextJobId(): number {
    return this.#nextJobId++;
  }

  nextPipelineId(): number {
    return this.#nextPipelineId++;
  }

  addJob(job: Job): Job {
    this.jobs.set(job.id, job);
    return job;
  }

  jobsOf(projectId: number): Job[] {
    return [...this.jobs.values()].filter((job) => job.projectId === projectId);
  }

  #namespaceFor(segments: readonly string[]): Namespace {
    let parent: Namespace | undefined;
    for (let i = 1; i <= segments.length; i++) {
      const fullPath = segments.slice(0, i).join('/');
      let ns = this.#namespaces.get(fullPath);
      if (ns === undefined) {
        const path = segments[i - 1] ?? '';
        ns = {
          id: this.#nextNamespaceId++,
          name: titleCase(path),
          path,
          fullPath,
          parentId: parent?.id ?? null,
        };
        this.#namespaces.set(fullPath, ns);
      }
      parent = ns;
    }
    if (parent === undefined) throw new Error('empty namespace');
    return parent;
  }
}

export function fullPathOf(project: Project): string {
  return `${project.namespace.fullPath}/${project.path}`;
}

export function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
